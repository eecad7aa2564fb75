package io.etwcorr.jobs.output;

import java.util.Objects;

/**
 * One record for an output topic, already serialized: the sinks only route it. {@code key} is the
 * Kafka record key (the host name, so one host's records stay in order; an alert's
 * episode id, so that all records of one episode share a key), {@code timestamp} the
 * event time in microseconds.
 */
public final class OutputRecord {
    public String key;
    public long timestamp;
    public String json;

    public OutputRecord() {}

    public OutputRecord(String key, long timestamp, String json) {
        this.key = key;
        this.timestamp = timestamp;
        this.json = json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputRecord other && timestamp == other.timestamp
                && Objects.equals(key, other.key) && Objects.equals(json, other.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, timestamp, json);
    }

    @Override
    public String toString() {
        return json;
    }
}
