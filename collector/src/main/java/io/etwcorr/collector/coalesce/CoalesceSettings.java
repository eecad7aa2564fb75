package io.etwcorr.collector.coalesce;

import java.time.Duration;

/**
 * How the collector coalesces Kernel-Network sends and receives into coalesced-transfers records
 * (docs/contract/raw-events.md, "Collector records", id 2).
 *
 * @param enabled whether sends and receives are coalesced at all; off, they go out one by one
 * @param idleGap a connection's window closes when it carried nothing for this long
 * @param maxSpan a window closes at the latest this long after its first transfer, and never crosses
 *     a multiple of it in event time (so it never straddles one of the job's flow buckets)
 * @param maxOpenWindows open windows at most; one more flushes the oldest
 */
public record CoalesceSettings(boolean enabled, Duration idleGap, Duration maxSpan, int maxOpenWindows) {
    public static final Duration DEFAULT_IDLE_GAP = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_SPAN = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_OPEN_WINDOWS = 4096;

    /** Sends and receives go out one by one. */
    public static final CoalesceSettings OFF =
            new CoalesceSettings(false, DEFAULT_IDLE_GAP, DEFAULT_MAX_SPAN, DEFAULT_MAX_OPEN_WINDOWS);
    /** The contract's defaults, enabled. */
    public static final CoalesceSettings DEFAULTS =
            new CoalesceSettings(true, DEFAULT_IDLE_GAP, DEFAULT_MAX_SPAN, DEFAULT_MAX_OPEN_WINDOWS);

    public CoalesceSettings {
        if (idleGap.isNegative() || idleGap.isZero()) {
            throw new IllegalArgumentException("idle gap must be positive, not " + idleGap);
        }
        if (maxSpan.compareTo(idleGap) < 0) {
            throw new IllegalArgumentException("max span " + maxSpan + " is shorter than the idle gap " + idleGap);
        }
        if (maxOpenWindows < 1) {
            throw new IllegalArgumentException("max open windows must be positive, not " + maxOpenWindows);
        }
    }

    long idleGapMicros() {
        return idleGap.toNanos() / 1000;
    }

    long maxSpanMicros() {
        return maxSpan.toNanos() / 1000;
    }
}
