package io.etwcorr.schemas.out;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code etw.flows}: bytes and packets one process exchanged with one remote endpoint in one
 * event-time bucket. {@code @timestamp} is the bucket start; {@code source} is the process's side.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlowRecord(
        @JsonProperty("@timestamp") String timestamp,
        Bucket bucket,
        HostField host,
        ProcessRef process,
        NetworkField network,
        Endpoint source,
        Endpoint destination) {

    /** The bucket's exclusive end (ECS timestamp) and its length in seconds. */
    public record Bucket(String end, @JsonProperty("size_s") long sizeS) {
    }
}
