package io.etwcorr.schemas.out;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * ECS {@code source} / {@code destination}. Every component is optional on the wire; which ones a
 * record requires is up to its schema. {@code bytes} and {@code packets} are the traffic this end sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoint(String ip, Integer port, String domain, Long bytes, Long packets) {

    /** An address and port, with the DNS name the process resolved it from (null when none). */
    public static Endpoint of(String ip, int port, String domain) {
        return new Endpoint(ip, port, domain, null, null);
    }
}
