package io.etwcorr.collector.survey;

import java.time.Duration;
import java.time.Instant;

/**
 * The back-to-back windows of one batch: the baseline window from {@code start}, then, with a
 * stimulus, the stimulus window. Events are placed by their own timestamps, so events ETW delivers
 * late (it flushes real-time buffers about once a second) still count in the window they happened in.
 *
 * @param start when the baseline window opened (all the batch's providers enabled)
 * @param length the length of each window
 * @param count 1 (baseline) or 2 (baseline, stimulus)
 */
public record SurveyWindows(Instant start, Duration length, int count) {
    public static final int BASELINE = 0;
    public static final int STIMULUS = 1;
    /** {@link #windowOf} for a timestamp before the first or after the last window. */
    public static final int OUTSIDE = -1;

    public SurveyWindows {
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a survey window must be longer than 0, not " + length);
        }
        if (count != 1 && count != 2) {
            throw new IllegalArgumentException("a batch has a baseline window and at most one stimulus window, not " + count);
        }
    }

    /** When window {@code index} closes. */
    public Instant end(int index) {
        return start.plus(length.multipliedBy(index + 1L));
    }

    /** The window an event at {@code micros} since the epoch belongs to, or {@link #OUTSIDE}. */
    public int windowOf(long micros) {
        long sinceStart = micros - micros(start);
        long lengthMicros = length.toNanos() / 1_000;
        if (sinceStart < 0 || sinceStart >= lengthMicros * count) {
            return OUTSIDE;
        }
        return (int) (sinceStart / lengthMicros);
    }

    public double lengthSeconds() {
        return length.toNanos() / 1e9;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
