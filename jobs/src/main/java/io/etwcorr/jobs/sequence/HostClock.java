package io.etwcorr.jobs.sequence;

/**
 * A host's clock in {@link HostSequencer}: one keyed value read and written once per event, rather
 * than five (on RocksDB each is a lookup and a write). Written by {@link HostClockSerializer}; {@link #NONE} marks an unset time.
 */
public final class HostClock {
    public static final long NONE = Long.MIN_VALUE;

    /** The host's watermark (µs): events at or before it have been released. */
    public long watermark = NONE;
    /** The newest event time (µs) the host sent. */
    public long newestTs = NONE;
    /** The last bucket boundary (µs) its processes were ticked at. */
    public long lastTickBoundary = NONE;
    /** When the idle timer that is armed fires (processing time, ms). */
    public long idleTimer = NONE;
    /** When the event-time idle timer that is armed fires (the fleet's event time, ms). */
    public long eventTimeIdleTimer = NONE;
    /** When the host's last record arrived (processing time, ms). */
    public long lastSeenWall;
    /** The seconds of event time (ts ÷ the watermark step) with events in the reordering buffer, ascending. */
    public long[] pendingSeconds = new long[0];
    /**
     * Whether the host's buffer is the per-second lists: false in a clock restored from a build
     * that kept one list (a field new to the POJO keeps its default), true in a new one.
     */
    public boolean bufferPerSecond;

    public HostClock() {}
}
