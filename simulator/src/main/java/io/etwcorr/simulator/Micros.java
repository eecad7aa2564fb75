package io.etwcorr.simulator;

import java.util.SplittableRandom;

/** Durations in microseconds, the unit of event time. */
final class Micros {
    static final long MS = 1_000L;
    static final long SECOND = 1_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;

    private Micros() {
    }

    static long seconds(double seconds) {
        return Math.round(seconds * SECOND);
    }

    /** A uniform delay in [{@code fromMs}, {@code toMs}) milliseconds. */
    static long millisBetween(SplittableRandom random, double fromMs, double toMs) {
        return Math.round(random.nextDouble(fromMs, toMs) * MS);
    }

    /** An exponentially distributed delay with mean {@code meanSeconds}: a Poisson process's gap. */
    static long exponential(SplittableRandom random, double meanSeconds) {
        return Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanSeconds * SECOND));
    }
}
