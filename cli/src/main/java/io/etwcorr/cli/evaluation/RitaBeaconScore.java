package io.etwcorr.cli.evaluation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * RITA v5's beacon score of one (source, destination) pair, re-implemented from the formulas of
 * activecm/rita v5 ({@code analysis/beacons.go}, defaults in {@code config/config.go}); used as the
 * baseline the evaluation compares our {@link io.etwcorr.jobs.beacon.BeaconScore} with.
 *
 * <p>Input is what RITA gets from Zeek: one timestamp (whole seconds) and one size (bytes the
 * source sent, {@code src_ip_bytes}) per <em>connection</em>. RITA scores a pair once it has at
 * least {@value #MIN_UNIQUE_TIMESTAMPS} distinct timestamps. Four sub-scores, each 0..1, rounded
 * to three decimals like RITA:
 * <ul>
 *   <li><b>timestamp</b> = (skew score + MAD score) / 2 over the non-zero intervals, where skew
 *       score = 1 − |Bowley skewness| with Bowley = (Q1 + Q3 − 2·Q2) / (Q3 − Q1), taken as 0 when
 *       Q3 − Q1 &lt; 10 or the median equals a quartile (quartiles: medians of the lower and upper
 *       halves, the median itself left out of both for an odd count), and MAD score =
 *       (median − MAD) / median, clamped at 0 (1 when the median is below 1);</li>
 *   <li><b>data size</b>: the same over the sizes (MAD score 0 when the median is below 1);</li>
 *   <li><b>histogram</b>: connections counted in {@value #HISTOGRAM_BINS} equal bins over the
 *       dataset's time range (hours of a day in RITA); the larger of 1 − coefficient of variation
 *       of the bin counts (0 when above 1) and, with at least {@value #BIMODAL_MIN_BARS} non-empty
 *       bins, the fraction of non-empty bins (one outlier bin forgiven) whose count falls in the
 *       two most common count classes (classes {@value #MODE_SENSITIVITY} × the largest count
 *       wide);</li>
 *   <li><b>duration</b>: with at least {@value #DURATION_MIN_BARS} non-empty bins, the larger of
 *       the pair's span over the dataset's span and the longest run of consecutive non-empty bins
 *       (wrapping around) over {@value #DURATION_IDEAL_RUN}; else 0;</li>
 * </ul>
 * and the beacon score is their mean (RITA's default weights, 0.25 each). RITA reports a pair as a
 * beacon from {@value #DEFAULT_THRESHOLD} (score threshold {@code base: 50}).
 */
public record RitaBeaconScore(double timestamp, double dataSize, double histogram, double duration, double score) {
    /** RITA's {@code unique_connection_threshold}. */
    public static final int MIN_UNIQUE_TIMESTAMPS = 4;
    /** RITA's lowest beacon score threshold ({@code score_thresholds.base} = 50 %). */
    public static final double DEFAULT_THRESHOLD = 0.5;
    static final int HISTOGRAM_BINS = 24;
    static final double MODE_SENSITIVITY = 0.05;
    static final int BIMODAL_OUTLIER_BINS = 1;
    static final int BIMODAL_MIN_BARS = 11;
    static final int DURATION_MIN_BARS = 6;
    static final int DURATION_IDEAL_RUN = 12;
    /** Below this quartile range the skewness is too small to mean anything (seconds or bytes). */
    private static final double MIN_QUARTILE_RANGE = 10;

    /** The score of a pair RITA does not score (too few connections). */
    public static final RitaBeaconScore NOT_SCORED = new RitaBeaconScore(0, 0, 0, 0, 0);

    public boolean isBeacon() {
        return score >= DEFAULT_THRESHOLD;
    }

    /**
     * @param timestamps  connection start times, whole seconds (any order)
     * @param sizes       bytes the source sent on each connection (same length)
     * @param datasetFrom first second of the dataset
     * @param datasetTo   last second of the dataset (after {@code datasetFrom})
     * @return the score, or all zeros when RITA would not score the pair
     */
    public static RitaBeaconScore of(long[] timestamps, long[] sizes, long datasetFrom, long datasetTo) {
        if (timestamps.length != sizes.length) {
            throw new IllegalArgumentException("one size per timestamp");
        }
        long[] times = timestamps.clone();
        Arrays.sort(times);
        double[] intervals = nonZeroIntervals(times);
        if (Arrays.stream(times).distinct().count() < MIN_UNIQUE_TIMESTAMPS || intervals.length < 3) {
            return NOT_SCORED;
        }
        double timestamp = dispersionScore(intervals, 1);
        double dataSize = dispersionScore(Arrays.stream(sizes).sorted().asDoubleStream().toArray(), 0);
        int[] bins = histogram(times, datasetFrom, datasetTo);
        int bars = (int) Arrays.stream(bins).filter(count -> count > 0).count();
        double histogram = Math.max(flatness(bins), bimodalFit(bins, bars));
        double duration = duration(times, bins, bars, datasetFrom, datasetTo);
        double score = round((timestamp + dataSize + histogram + duration) / 4);
        return new RitaBeaconScore(timestamp, dataSize, histogram, duration, score);
    }

    private static double[] nonZeroIntervals(long[] sortedTimes) {
        double[] intervals = new double[Math.max(0, sortedTimes.length - 1)];
        int count = 0;
        for (int i = 1; i < sortedTimes.length; i++) {
            if (sortedTimes[i] > sortedTimes[i - 1]) {
                intervals[count++] = sortedTimes[i] - sortedTimes[i - 1];
            }
        }
        double[] nonZero = Arrays.copyOf(intervals, count);
        Arrays.sort(nonZero);
        return nonZero;
    }

    /** (1 − |Bowley skewness| + MAD score) / 2 of sorted values. */
    static double dispersionScore(double[] sorted, double madScoreOfTinyMedian) {
        return round((skewScore(sorted) + madScore(sorted, madScoreOfTinyMedian)) / 2);
    }

    static double skewScore(double[] sorted) {
        int n = sorted.length;
        double q1 = median(Arrays.copyOfRange(sorted, 0, n / 2));
        double q2 = median(sorted);
        double q3 = median(Arrays.copyOfRange(sorted, n - n / 2, n));
        double range = q3 - q1;
        boolean meaningful = range >= MIN_QUARTILE_RANGE && q2 != q1 && q2 != q3;
        return 1 - Math.abs(meaningful ? (q1 + q3 - 2 * q2) / range : 0);
    }

    static double madScore(double[] sorted, double scoreOfTinyMedian) {
        double median = median(sorted);
        if (median < 1) {
            return scoreOfTinyMedian;
        }
        double[] deviations = Arrays.stream(sorted).map(value -> Math.abs(value - median)).sorted().toArray();
        return Math.max(0, (median - median(deviations)) / median);
    }

    private static int[] histogram(long[] sortedTimes, long from, long to) {
        int[] bins = new int[HISTOGRAM_BINS];
        double width = (double) (to - from) / HISTOGRAM_BINS;
        for (long time : sortedTimes) {
            int bin = (int) Math.floor((time - from) / width);
            bins[Math.max(0, Math.min(HISTOGRAM_BINS - 1, bin))]++;
        }
        return bins;
    }

    /** 1 − coefficient of variation of the bin counts: a flat histogram is a steady beacon. */
    private static double flatness(int[] bins) {
        double mean = Arrays.stream(bins).average().orElse(0);
        double variance = Arrays.stream(bins).mapToDouble(count -> (count - mean) * (count - mean)).sum() / bins.length;
        double variation = Math.sqrt(variance) / mean;
        return variation > 1 ? 0 : round(1 - variation);
    }

    /** How many non-empty bins fall into the two most common count classes (a beacon alternating between two rates). */
    private static double bimodalFit(int[] bins, int bars) {
        if (bars < BIMODAL_MIN_BARS) {
            return 0;
        }
        double classWidth = Math.ceil(Arrays.stream(bins).max().orElse(0) * MODE_SENSITIVITY);
        Map<Long, Integer> barsPerClass = new HashMap<>();
        for (int count : bins) {
            if (count > 0) {
                barsPerClass.merge((long) Math.floor(count / classWidth), 1, Integer::sum);
            }
        }
        int[] largestFirst = barsPerClass.values().stream().sorted((a, b) -> b - a).mapToInt(Integer::intValue).toArray();
        int topTwo = largestFirst[0] + (largestFirst.length > 1 ? largestFirst[1] : 0);
        return Math.min(1, round(topTwo / Math.max(bars - BIMODAL_OUTLIER_BINS, 1.0)));
    }

    private static double duration(long[] sortedTimes, int[] bins, int bars, long from, long to) {
        long first = sortedTimes[0];
        long last = sortedTimes[sortedTimes.length - 1];
        if (bars < DURATION_MIN_BARS || last <= first) {
            return 0;
        }
        double coverage = Math.min(1, roundUp((double) (last - first) / (to - from)));
        double consistency = Math.min(1, roundUp((double) longestRunWrapping(bins) / DURATION_IDEAL_RUN));
        return Math.max(coverage, consistency);
    }

    private static int longestRunWrapping(int[] bins) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < 2 * bins.length; i++) {
            run = bins[i % bins.length] > 0 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return Math.min(longest, bins.length);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static double roundUp(double value) {
        return Math.ceil(value * 1000) / 1000.0;
    }
}
