package io.etwcorr.jobs.beacon;

import io.etwcorr.jobs.config.EtwcorrConfig;
import java.util.Arrays;

/**
 * How beacon-like a series of callback times (and sizes) is, from 0 to 1.
 *
 * <p>A beacon sleeps S between callbacks with jitter: intervals uniform in [S(1−J), S] (Cobalt
 * Strike) or [S(1−J), S(1+J)] (Empire), and now and then a missed callback makes one interval
 * about twice as long. Ordinary traffic looks more like a random process: exponential-like
 * intervals whose robust spread (median absolute deviation over median) is about 0.7, where a
 * jittered beacon stays below 0.4 even at 50% symmetric jitter, and a third of whose intervals
 * are shorter than half the median or longer than four and a half — which no jittered sleep is.
 * <ol>
 *   <li><b>regularity</b> = 1 − spread/0.75 over all intervals (the median and the MAD ignore the
 *       few long intervals of missed callbacks), the main evidence;</li>
 *   <li><b>symmetry</b> = 1 − |Bowley skewness| of the intervals without the missed ones: jitter
 *       is uniform;</li>
 *   <li><b>size consistency</b> = 1 − spread of bytes sent per callback, when sizes are known;</li>
 *   <li>score = the weighted sum of the three ({@code beacon.weights}; by default regularity 0.6,
 *       symmetry 0.15, size 0.25, and regularity 0.75 and symmetry 0.25 without sizes), times the square of the fraction of intervals a jittered sleep with
 *       missed callbacks explains (a silence of five sleeps counts twice), and a penalty when more
 *       than a third look missed.</li>
 * </ol>
 * {@code BeaconScoreTest} shows the separation on crafted series.
 */
public final class BeaconScore {
    /** Spread (MAD/median) at which regularity reaches 0: random traffic sits around 0.7. */
    private static final double RANDOM_SPREAD = 0.75;
    /** An interval this many times the median is taken for one or more missed callbacks. */
    private static final double MISSED_CALLBACK_RATIO = 1.6;
    private static final double MAX_MISSED_FRACTION = 1.0 / 3;
    /** Below this fraction of the median an interval cannot be a jittered sleep (jitter ≤ 50%). */
    private static final double MIN_SLEEP_RATIO = 0.45;
    private static final double MAX_MISSED_RATIO = 4.6;

    public final double score;
    /** The sleep estimate: median of the intervals without missed callbacks, seconds. */
    public final double intervalSeconds;
    /** Jitter estimate: (p90 − p10) / p90 of the intervals without missed callbacks. */
    public final double jitter;
    public final double regularity;
    public final double missedFraction;

    private BeaconScore(double score, double intervalSeconds, double jitter, double regularity, double missedFraction) {
        this.score = score;
        this.intervalSeconds = intervalSeconds;
        this.jitter = jitter;
        this.regularity = regularity;
        this.missedFraction = missedFraction;
    }

    private static final EtwcorrConfig.ScoreWeights DEFAULT_WEIGHTS = new EtwcorrConfig.ScoreWeights();

    /** The score with the default weights. */
    public static BeaconScore of(long[] times, long[] bytesOut) {
        return of(times, bytesOut, DEFAULT_WEIGHTS);
    }

    /**
     * @param times callback times, µs, ascending
     * @param bytesOut bytes sent per callback, -1 where unknown (same length as times)
     * @param weights how regularity, symmetry and size consistency combine
     */
    public static BeaconScore of(long[] times, long[] bytesOut, EtwcorrConfig.ScoreWeights weights) {
        int n = times.length - 1;
        if (n < 2) {
            return new BeaconScore(0, 0, 0, 0, 0);
        }
        double[] intervals = new double[n];
        for (int i = 0; i < n; i++) {
            intervals[i] = (times[i + 1] - times[i]) / 1e6;
        }
        double median = median(intervals.clone());
        if (median <= 0) {
            return new BeaconScore(0, 0, 0, 0, 0);
        }
        // Missed callbacks make a few intervals about twice as long: the median and the MAD ignore
        // such outliers, so regularity is measured on all intervals as they are.
        Arrays.sort(intervals);
        double spread = mad(intervals, median) / median;
        int longIntervals = 0;
        int unexplained = 0;
        for (double interval : intervals) {
            double ratio = interval / median;
            if (ratio > MISSED_CALLBACK_RATIO) {
                longIntervals++;
            }
            // A jittered sleep never shrinks below half the sleep, and a few missed callbacks stay
            // below five sleeps: random traffic leaves a third of its intervals outside both. A
            // silence of five sleeps would take four missed callbacks in a row: it counts twice.
            if (ratio < MIN_SLEEP_RATIO) {
                unexplained++;
            } else if (ratio > MAX_MISSED_RATIO) {
                unexplained += 2;
            }
        }
        double missed = (double) longIntervals / n;
        double explained = Math.max(0, 1 - (double) unexplained / n);
        // Jitter and symmetry describe the sleep itself: without the intervals of missed callbacks.
        double[] sleeps = Arrays.copyOf(intervals, n - longIntervals);
        double regularity = clamp(1 - spread / RANDOM_SPREAD);
        double symmetry = sleeps.length < 4 ? 0 : clamp(1 - Math.abs(bowleySkew(sleeps)));
        double sizes = sizeConsistency(bytesOut);
        double combined = sizes < 0
                ? weights.regularityWithoutSizes * regularity + (1 - weights.regularityWithoutSizes) * symmetry
                : weights.regularity * regularity + weights.symmetry * symmetry + weights.sizeConsistency * sizes;
        double penalty = missed > MAX_MISSED_FRACTION ? clamp(1 - 3 * (missed - MAX_MISSED_FRACTION)) : 1;
        // A series must be regular to be a beacon at all: constant sizes alone do not make one.
        double score = regularity == 0 ? 0 : combined * penalty * explained * explained;
        double low = quantile(sleeps, 0.1);
        double high = quantile(sleeps, 0.9);
        return new BeaconScore(score, quantile(sleeps, 0.5), high > 0 ? (high - low) / high : 0, regularity, missed);
    }

    /** 1 − MAD/median of the known sizes, or -1 when fewer than 4 are known. */
    private static double sizeConsistency(long[] bytesOut) {
        double[] known = Arrays.stream(bytesOut).filter(b -> b >= 0).asDoubleStream().sorted().toArray();
        if (known.length < 4) {
            return -1;
        }
        double median = median(known);
        if (median <= 0) {
            return 1;
        }
        return clamp(1 - mad(known, median) / median);
    }

    /** Median of a sorted or unsorted array (sorted in place). */
    static double median(double[] values) {
        Arrays.sort(values);
        return quantile(values, 0.5);
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    private static double mad(double[] values, double median) {
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        return median(deviations);
    }

    private static double bowleySkew(double[] sorted) {
        double q1 = quantile(sorted, 0.25);
        double q2 = quantile(sorted, 0.5);
        double q3 = quantile(sorted, 0.75);
        return q3 == q1 ? 0 : (q3 + q1 - 2 * q2) / (q3 - q1);
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }

    /**
     * The rate a series received at, sustained, bits per second: the lower of its typical rate (what
     * more than half of its callbacks received at least, over the sleep) and its overall rate (bytes
     * received over the time they took: every interval and the callback ending it, except silences
     * longer than missed callbacks explain, such as a paused video). Taking the lower means neither
     * one large download, nor large responses to half of the callbacks, nor skipping check-ins lifts
     * it; unknown sizes count as nothing received.
     *
     * @param times callback times, µs, ascending
     * @param bytesIn bytes received per callback, -1 where unknown (same length as times)
     * @param sleepSeconds the series' sleep estimate ({@link #intervalSeconds})
     */
    public static double receivedBitsPerSecond(long[] times, long[] bytesIn, double sleepSeconds) {
        if (times.length < 2 || sleepSeconds <= 0) {
            return 0;
        }
        long[] received = new long[bytesIn.length];
        double receivedInIntervals = 0;
        double intervalSeconds = 0;
        for (int i = 0; i < bytesIn.length; i++) {
            received[i] = Math.max(0, bytesIn[i]);
            double interval = i == 0 ? 0 : (times[i] - times[i - 1]) / 1e6;
            if (i > 0 && interval <= MAX_MISSED_RATIO * sleepSeconds) {
                receivedInIntervals += received[i];
                intervalSeconds += interval;
            }
        }
        Arrays.sort(received);
        double typical = received[(received.length - 1) / 2] / sleepSeconds;
        double overall = intervalSeconds > 0 ? receivedInIntervals / intervalSeconds : 0;
        return 8 * Math.min(typical, overall);
    }

    /** Median of non-negative values as a whole number, or -1 when none is known. */
    public static long medianOf(long[] values) {
        double[] known = Arrays.stream(values).filter(v -> v >= 0).asDoubleStream().toArray();
        return known.length == 0 ? -1 : Math.round(median(known));
    }
}
