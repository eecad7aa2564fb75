package io.etwcorr.schemas.out;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code etw.connections}: one TCP connection of a process, joined with the DNS answer that gave
 * its remote address; {@code dns} is null (left out) when no answer was joined.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionRecord(
        @JsonProperty("@timestamp") String timestamp,
        EventField event,
        HostField host,
        ProcessRef process,
        NetworkField network,
        Endpoint source,
        Endpoint destination,
        Dns dns) {

    /** The resolution that produced the destination address, and when its answer arrived. */
    public record Dns(Question question, @JsonProperty("resolved_at") String resolvedAt) {
    }

    public record Question(String name) {
    }
}
