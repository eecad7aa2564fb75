package io.etwcorr.collector.survey;

/**
 * How often one event id was seen in a survey window.
 *
 * @param id the ETW event id (an unsigned 16-bit number)
 * @param count events with that id, at least one
 */
public record EventIdCount(int id, long count) {

    public EventIdCount {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("event id must be 0..65535, got " + id);
        }
        if (count < 1) {
            throw new IllegalArgumentException("event id count must be at least 1, got " + count);
        }
    }
}
