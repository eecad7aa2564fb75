package io.etwcorr.schemas.out;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code etw.health}: per host and interval, what arrived and what was lost on the way. */
public record HealthRecord(
        @JsonProperty("@timestamp") String timestamp,
        EventField event,
        HostField host,
        Interval interval,
        Etwcorr etwcorr) {

    /** The dataset of health records, also their {@code event.dataset}. */
    public static final String DATASET = "etwcorr.health";

    /** A health record of {@code host} for the interval [start, end), both ECS timestamps. */
    public static HealthRecord of(String host, String start, String end, Counters counters) {
        return new HealthRecord(start, EventField.metric(DATASET), new HostField(host), new Interval(start, end), new Etwcorr(counters));
    }

    public record Interval(String start, String end) {
    }

    /** The {@code etwcorr} namespace holding the counters as {@code etwcorr.health}. */
    public record Etwcorr(Counters health) {
    }

    /**
     * Counts for the interval. {@code late}: behind the watermark; {@code passed_over}: valid
     * events the jobs do not correlate; {@code etw_*} and {@code collector_*}: what the collector's
     * heartbeats reported lost, dropped or spooled; {@code runs}: collector runs seen;
     * {@code lineage_evictions}: processes a lineage still needed that the per-host bound of the
     * process table dropped (counted by the lineage operator in records of its own, whose other
     * counters are 0).
     */
    public record Counters(
            long received,
            long duplicates,
            @JsonProperty("sequence_gaps") long sequenceGaps,
            long late,
            @JsonProperty("passed_over") long passedOver,
            @JsonProperty("dead_letters") long deadLetters,
            @JsonProperty("etw_events_lost") long etwEventsLost,
            @JsonProperty("etw_buffers_lost") long etwBuffersLost,
            @JsonProperty("collector_dropped") long collectorDropped,
            @JsonProperty("collector_spooled") long collectorSpooled,
            long runs,
            @JsonProperty("lineage_evictions") long lineageEvictions) {

        /** The counters of a record that only counts lineage evictions. */
        public static Counters lineageEvictions(long evicted) {
            return new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, evicted);
        }
    }
}
