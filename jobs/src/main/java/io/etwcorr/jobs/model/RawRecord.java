package io.etwcorr.jobs.model;

import java.util.Arrays;
import java.util.Objects;

/** One raw input record before parsing: its bytes and where it came from (for dead letters). */
public final class RawRecord {
    /** UTF-8 JSON as received. */
    public byte[] value;
    /** Where the record came from, e.g. {@code etw.raw/3@1200} or {@code events.jsonl:17}. */
    public String origin;

    public RawRecord() {}

    public RawRecord(byte[] value, String origin) {
        this.value = value;
        this.origin = origin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRecord other && Arrays.equals(value, other.value) && Objects.equals(origin, other.origin);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(value) + Objects.hashCode(origin);
    }
}
