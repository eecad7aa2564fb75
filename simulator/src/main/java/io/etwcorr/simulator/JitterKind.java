package io.etwcorr.simulator;

/** How a beacon spreads its sleep interval. */
public enum JitterKind {
    /** Interval uniform in [S·(1−J), S]: jitter only shortens the sleep (Cobalt Strike). */
    ASYMMETRIC,
    /** Interval uniform in [S·(1−J), S·(1+J)] (Empire). */
    SYMMETRIC;

    /** Shortest interval for sleep {@code sleep} and jitter {@code jitter}. */
    public double lowest(double sleep, double jitter) {
        return sleep * (1 - jitter);
    }

    /** Longest interval for sleep {@code sleep} and jitter {@code jitter}. */
    public double highest(double sleep, double jitter) {
        return this == ASYMMETRIC ? sleep : sleep * (1 + jitter);
    }
}
