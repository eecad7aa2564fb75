package io.etwcorr.jobs.sequence;

import java.util.Arrays;
import java.util.Objects;

/**
 * The recent sequence numbers of one collector run, for dropping duplicates and counting gaps
 * with bounded memory: a ring of {@code size} bits below the highest number seen. A number that
 * slides out of the ring without having been seen is a gap; one that arrives below the ring can no
 * longer be told apart from a duplicate and is reported as {@link Outcome#BELOW_WINDOW}.
 *
 * <p>Keyed state of {@link HostSequencer}, written by {@link SequenceWindowSerializer}.
 */
public final class SequenceWindow {
    /** What one sequence number turned out to be. */
    public enum Outcome { NEW, DUPLICATE, BELOW_WINDOW }

    public long firstSeq = -1;
    public long maxSeq = -1;
    public long[] seen;
    /** Numbers below it that were never seen are already counted as gaps (by {@link #countOpenGaps()}). */
    public long gapsCountedBelow;
    /** Host event time (µs) of the run's newest record, to evict the oldest runs. */
    public long lastTs;
    /** The collector's cumulative counters from this run's previous heartbeat. */
    public long eventsLost;
    public long buffersLost;
    public long dropped;
    public long spooled;

    public SequenceWindow() {}

    public SequenceWindow(int size) {
        if (size <= 0 || size % 64 != 0) {
            throw new IllegalArgumentException("dedupe window must be a positive multiple of 64, got " + size);
        }
        this.seen = new long[size / 64];
    }

    private int size() {
        return seen.length * 64;
    }

    /**
     * Records {@code seq}; returns what it was and adds the gaps it revealed to {@code gaps[0]}
     * (an out-parameter, to keep this allocation-free on the hot path).
     */
    public Outcome accept(long seq, long[] gaps) {
        if (maxSeq < 0) {
            firstSeq = seq;
            maxSeq = seq;
            mark(seq);
            return Outcome.NEW;
        }
        if (seq > maxSeq) {
            gaps[0] += slideTo(seq);
            mark(seq);
            return Outcome.NEW;
        }
        if (seq <= maxSeq - size()) {
            return Outcome.BELOW_WINDOW;
        }
        if (isMarked(seq)) {
            return Outcome.DUPLICATE;
        }
        mark(seq);
        firstSeq = Math.min(firstSeq, seq);
        return Outcome.NEW;
    }

    /** The numbers still missing inside the ring and not yet counted as gaps. */
    public long openGaps() {
        long gaps = 0;
        for (long s = lowestUncounted(); s < maxSeq; s++) {
            if (!isMarked(s)) {
                gaps++;
            }
        }
        return gaps;
    }

    /**
     * The {@link #openGaps()}, which are from now on counted: neither a later call nor the ring
     * sliding past them counts them again. For flushes (idle host, end of input).
     */
    public long countOpenGaps() {
        long gaps = openGaps();
        gapsCountedBelow = Math.max(gapsCountedBelow, maxSeq);
        return gaps;
    }

    private long lowestUncounted() {
        return Math.max(Math.max(firstSeq, gapsCountedBelow), maxSeq - size() + 1);
    }

    /** Moves the top of the ring to {@code newMax}; returns how many unseen numbers left it. */
    private long slideTo(long newMax) {
        long gaps = 0;
        long oldLow = lowestUncounted();
        long newLow = newMax - size() + 1;
        for (long s = oldLow; s <= Math.min(maxSeq, newLow - 1); s++) {
            if (!isMarked(s)) {
                gaps++;
            }
        }
        if (newLow - 1 > maxSeq) {
            gaps += newLow - 1 - maxSeq; // jumped over and already below the new ring
        }
        long reuseFrom = Math.max(maxSeq + 1, newLow);
        if (newMax - reuseFrom + 1 >= size()) {
            Arrays.fill(seen, 0L);
        } else {
            for (long s = reuseFrom; s <= newMax; s++) {
                clear(s);
            }
        }
        maxSeq = newMax;
        return gaps;
    }

    private boolean isMarked(long seq) {
        int bit = (int) Math.floorMod(seq, (long) size());
        return (seen[bit >>> 6] & (1L << (bit & 63))) != 0;
    }

    private void mark(long seq) {
        int bit = (int) Math.floorMod(seq, (long) size());
        seen[bit >>> 6] |= 1L << (bit & 63);
    }

    private void clear(long seq) {
        int bit = (int) Math.floorMod(seq, (long) size());
        seen[bit >>> 6] &= ~(1L << (bit & 63));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SequenceWindow that && firstSeq == that.firstSeq && maxSeq == that.maxSeq
                && Arrays.equals(seen, that.seen) && gapsCountedBelow == that.gapsCountedBelow
                && lastTs == that.lastTs && eventsLost == that.eventsLost && buffersLost == that.buffersLost
                && dropped == that.dropped && spooled == that.spooled;
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstSeq, maxSeq, Arrays.hashCode(seen), gapsCountedBelow, lastTs);
    }
}
