package io.etwcorr.jobs.bench;

import java.util.Arrays;

/**
 * Exact percentiles by sorting every sample (nearest-rank method). Good for the few thousand
 * latency samples a bench run takes; a long-running recorder should use HdrHistogram instead.
 */
public final class SortedArrayPercentiles {
    private long[] samples = new long[64];
    private int size;
    private boolean sorted = true;

    public synchronized void record(long value) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = value;
        sorted = false;
    }

    public synchronized int count() {
        return size;
    }

    /**
     * The nearest-rank percentile {@code p} in (0, 100]: the smallest sample such that at least
     * p % of the samples are less than or equal to it. NaN when there are no samples.
     */
    public synchronized double percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (size == 0) {
            return Double.NaN;
        }
        if (!sorted) {
            Arrays.sort(samples, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(p / 100.0 * size);
        return samples[Math.max(rank, 1) - 1];
    }

    public synchronized double max() {
        return size == 0 ? Double.NaN : percentile(100);
    }
}
