package io.etwcorr.collector.delivery;

/**
 * A place in the spool: a byte offset inside one segment, and how many records of that segment
 * lie before it. Segments are numbered in write order, so positions compare by segment first.
 */
public record SpoolPosition(long segment, long offset, long index) implements Comparable<SpoolPosition> {

    static SpoolPosition startOf(long segment) {
        return new SpoolPosition(segment, 0, 0);
    }

    @Override
    public int compareTo(SpoolPosition other) {
        int bySegment = Long.compare(segment, other.segment);
        return bySegment != 0 ? bySegment : Long.compare(offset, other.offset);
    }

    boolean isAfter(SpoolPosition other) {
        return compareTo(other) > 0;
    }
}
