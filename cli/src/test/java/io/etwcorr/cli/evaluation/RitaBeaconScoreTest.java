package io.etwcorr.cli.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RitaBeaconScoreTest {
    private static final long DAY = 86_400;

    @Test
    void aPerfectBeaconAllDayScoresOne() {
        long[] times = every(600, DAY);
        RitaBeaconScore score = RitaBeaconScore.of(times, constant(times.length, 512), 0, DAY);
        assertThat(score.timestamp()).isEqualTo(1.0);
        assertThat(score.dataSize()).isEqualTo(1.0);
        assertThat(score.histogram()).isEqualTo(1.0);
        assertThat(score.duration()).isEqualTo(1.0);
        assertThat(score.score()).isEqualTo(1.0);
        assertThat(score.isBeacon()).isTrue();
    }

    @Test
    void fewerThanFourDistinctTimestampsAreNotScored() {
        long[] times = {100, 100, 200, 300};
        assertThat(RitaBeaconScore.of(times, constant(4, 10), 0, DAY)).isEqualTo(RitaBeaconScore.NOT_SCORED);
    }

    @Test
    void anHourOfPerfectBeaconingInADayReachesTheThresholdOnTimestampAndSizeAlone() {
        long[] times = every(60, 3600);
        RitaBeaconScore score = RitaBeaconScore.of(times, constant(times.length, 300), 0, DAY);
        assertThat(score.timestamp()).isEqualTo(1.0);
        assertThat(score.dataSize()).isEqualTo(1.0);
        assertThat(score.duration()).isZero(); // a single non-empty hour
        assertThat(score.histogram()).isZero(); // all connections in one of 24 bins
        assertThat(score.score()).isEqualTo(RitaBeaconScore.DEFAULT_THRESHOLD);
    }

    @Test
    void steadyRandomTrafficScoresLowOnTimestampsButFullOnDuration() {
        SplittableRandom random = new SplittableRandom(3);
        long[] times = new long[300];
        long t = 0;
        for (int i = 0; i < times.length; i++) {
            t += Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * 250));
            times[i] = t;
        }
        long[] sizes = Arrays.stream(times).map(x -> 200 + random.nextInt(5000)).toArray();
        RitaBeaconScore score = RitaBeaconScore.of(times, sizes, 0, t + 1);
        assertThat(score.timestamp()).isLessThan(0.7);
        assertThat(score.duration()).isEqualTo(1.0); // RITA's weakness: busy all day looks persistent
    }

    @Test
    void bowleySkewnessUsesTheHalvesWithoutTheMedian() {
        // Q1 = 15 (median of 10, 20), Q2 = 30, Q3 = 90: skew (15 + 90 − 60) / 75 = 0.6.
        assertThat(RitaBeaconScore.skewScore(new double[] {10, 20, 30, 80, 100})).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void skewnessOfANarrowQuartileRangeIsIgnored() {
        assertThat(RitaBeaconScore.skewScore(new double[] {58, 59, 60, 66, 67})).isEqualTo(1.0);
    }

    @Test
    void madScoreIsOneMinusMadOverMedian() {
        // median 60, deviations 20, 10, 0, 10, 40 → MAD 10: (60 − 10) / 60.
        assertThat(RitaBeaconScore.madScore(new double[] {40, 50, 60, 70, 100}, 1)).isCloseTo(50.0 / 60, within(1e-9));
        assertThat(RitaBeaconScore.madScore(new double[] {0, 0, 0, 5}, 0)).isZero();
    }

    private static long[] every(long period, long until) {
        return java.util.stream.LongStream.iterate(0, t -> t < until, t -> t + period).toArray();
    }

    private static long[] constant(int count, long value) {
        long[] values = new long[count];
        Arrays.fill(values, value);
        return values;
    }
}
