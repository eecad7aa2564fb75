package io.etwcorr.jobs.beacon;

import java.util.Random;

/** Crafted callback series for scoring tests: jittered beacons with misses, and random traffic. */
final class BeaconSeries {
    enum Jitter { ASYMMETRIC, SYMMETRIC }

    private BeaconSeries() {}

    /** {@code callbacks} callback times (µs) of a beacon sleeping {@code sleepSeconds}. */
    static long[] beacon(Random random, int callbacks, double sleepSeconds, double jitter, Jitter kind, double missed) {
        long[] times = new long[callbacks];
        double t = 1_000_000_000.0;
        for (int i = 0; i < callbacks; i++) {
            times[i] = (long) (t * 1e6);
            do {
                t += interval(random, sleepSeconds, jitter, kind);
            } while (random.nextDouble() < missed);
        }
        return times;
    }

    private static double interval(Random random, double sleep, double jitter, Jitter kind) {
        double low = sleep * (1 - jitter);
        double high = kind == Jitter.ASYMMETRIC ? sleep : sleep * (1 + jitter);
        return low + random.nextDouble() * (high - low);
    }

    /** Callback times of a Poisson process with the given mean interval. */
    static long[] random(Random random, int callbacks, double meanSeconds) {
        long[] times = new long[callbacks];
        double t = 1_000_000_000.0;
        for (int i = 0; i < callbacks; i++) {
            times[i] = (long) (t * 1e6);
            t += -Math.log(1 - random.nextDouble()) * meanSeconds;
        }
        return times;
    }

    /** Sizes around {@code median} with ±{@code spread} relative noise. */
    static long[] sizes(Random random, int callbacks, long median, double spread) {
        long[] sizes = new long[callbacks];
        for (int i = 0; i < callbacks; i++) {
            sizes[i] = Math.max(0, Math.round(median * (1 + spread * (2 * random.nextDouble() - 1))));
        }
        return sizes;
    }

    static long[] unknownSizes(int callbacks) {
        long[] sizes = new long[callbacks];
        java.util.Arrays.fill(sizes, -1);
        return sizes;
    }
}
