package io.etwcorr.jobs.beacon;

import static io.etwcorr.jobs.beacon.BeaconSeries.Jitter.ASYMMETRIC;
import static io.etwcorr.jobs.beacon.BeaconSeries.Jitter.SYMMETRIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.config.EtwcorrConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BeaconScoreTest {
    private static final double THRESHOLD = new EtwcorrConfig.Beacon().threshold;
    private static final int TRIALS = 2000;

    @Test
    void aStrictlyPeriodicBeaconScoresNearOneWithItsSleep() {
        long[] times = BeaconSeries.beacon(new Random(1), 10, 60, 0, ASYMMETRIC, 0);
        BeaconScore score = BeaconScore.of(times, BeaconSeries.sizes(new Random(2), 10, 517, 0));
        assertThat(score.score).isGreaterThan(0.95);
        assertThat(score.intervalSeconds).isCloseTo(60, org.assertj.core.data.Offset.offset(0.01));
        assertThat(score.jitter).isLessThan(0.01);
    }

    @ParameterizedTest(name = "{1} jitter {2}, missed {3}, {0} callbacks: recall >= {4}")
    @CsvSource({
        "10, ASYMMETRIC, 0.3, 0.0, 0.99",
        "10, SYMMETRIC,  0.3, 0.0, 0.99",
        "10, ASYMMETRIC, 0.3, 0.1, 0.95",
        "10, ASYMMETRIC, 0.5, 0.1, 0.95",
        "14, SYMMETRIC,  0.5, 0.1, 0.95",
        "14, SYMMETRIC,  0.3, 0.2, 0.90",
    })
    void jitteredBeaconsWithMissedCallbacksCrossTheThreshold(
            int callbacks, BeaconSeries.Jitter kind, double jitter, double missed, double recall) {
        Random random = new Random(42);
        int detected = 0;
        for (int i = 0; i < TRIALS; i++) {
            long[] times = BeaconSeries.beacon(random, callbacks, 300, jitter, kind, missed);
            if (BeaconScore.of(times, BeaconSeries.sizes(random, callbacks, 517, 0.1)).score >= THRESHOLD) {
                detected++;
            }
        }
        assertThat((double) detected / TRIALS).isGreaterThanOrEqualTo(recall);
    }

    @Test
    void randomTrafficRarelyLooksLikeABeacon() {
        Random random = new Random(7);
        int falseAlarms = 0;
        for (int i = 0; i < 10 * TRIALS; i++) {
            long[] times = BeaconSeries.random(random, 14, 60);
            if (BeaconScore.of(times, BeaconSeries.unknownSizes(14)).score >= THRESHOLD) {
                falseAlarms++;
            }
        }
        assertThat((double) falseAlarms / (10 * TRIALS)).isLessThan(0.01);
    }

    @Test
    void burstyTrafficIsNotABeacon() {
        // Page loads: clusters of requests a second apart, minutes between clusters.
        long[] times = new long[15];
        long t = 0;
        Random random = new Random(3);
        for (int i = 0; i < times.length; i++) {
            t += i % 5 == 0 ? (long) (60e6 + random.nextDouble() * 600e6) : 1_200_000L;
            times[i] = t;
        }
        assertThat(BeaconScore.of(times, BeaconSeries.unknownSizes(15)).score).isLessThan(THRESHOLD);
    }

    @Test
    void tooFewCallbacksOrNoTimeBetweenThemScoreZero() {
        assertThat(BeaconScore.of(new long[] {0, 60_000_000}, new long[] {1, 1}).score).isZero();
        assertThat(BeaconScore.of(new long[] {5, 5, 5, 5}, new long[] {1, 1, 1, 1}).score).isZero();
    }

    @Test
    void constantSizesAloneDoNotMakeABeacon() {
        long[] times = BeaconSeries.random(new Random(11), 14, 60);
        long[] sizes = BeaconSeries.sizes(new Random(12), 14, 517, 0);
        BeaconScore score = BeaconScore.of(times, sizes);
        assertThat(score.score).isLessThan(THRESHOLD);
    }

    @Test
    void jitterIsEstimatedFromTheSleeps() {
        long[] times = BeaconSeries.beacon(new Random(5), 40, 60, 0.3, ASYMMETRIC, 0.1);
        BeaconScore score = BeaconScore.of(times, BeaconSeries.unknownSizes(40));
        assertThat(score.jitter).isBetween(0.2, 0.35);
        assertThat(score.intervalSeconds).isBetween(48.0, 56.0);
        assertThat(score.missedFraction).isBetween(0.02, 0.3);
    }

    @Test
    void symmetricJitterEstimateCoversBothSides() {
        long[] times = BeaconSeries.beacon(new Random(6), 40, 60, 0.5, SYMMETRIC, 0);
        assertThat(BeaconScore.of(times, BeaconSeries.unknownSizes(40)).jitter).isBetween(0.4, 0.75);
    }
}
