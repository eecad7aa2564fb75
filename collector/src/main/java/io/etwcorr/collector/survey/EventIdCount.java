package io.etwcorr.collector.survey;

/**
 * How often one event id was seen in a survey window.
 *
 * @param id the ETW event id (an unsigned 16-bit number)
 * @param count events with that id, at least one
 */
public record EventIdCount(int id, long count) {

    public static final int MAX_ID = 0xFFFF;

    public EventIdCount {
        if (id < 0 || id > MAX_ID || count < 1) {
            throw new IllegalArgumentException("event ids must be 0.." + MAX_ID + " with a count of at least 1, got \""
                    + id + ":" + count + "\"");
        }
    }

    /** The CSV and report form, {@code id:count}. */
    @Override
    public String toString() {
        return id + ":" + count;
    }
}
