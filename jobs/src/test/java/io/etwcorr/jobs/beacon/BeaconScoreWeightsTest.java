package io.etwcorr.jobs.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.Callback;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The score's weights come from the config (beacon.weights), not from literals. */
class BeaconScoreWeightsTest {
    private static final long SECOND = 1_000_000L;
    private static final long START = 1_795_633_627_000_000L;
    private static final int CALLBACKS = 12;
    /** All the weight on size consistency: a perfectly regular beacon whose sizes swing scores about 0. */
    private static final List<String> SIZES_ONLY = List.of(
            "beacon.weights.regularity=0", "beacon.weights.symmetry=0", "beacon.weights.sizeConsistency=1");

    private static long[] times() {
        long[] times = new long[CALLBACKS];
        for (int i = 0; i < CALLBACKS; i++) {
            times[i] = START + i * 60 * SECOND;
        }
        return times;
    }

    /** Sizes that grow threefold per callback: about as inconsistent as sizes get, at any count. */
    private static long bytesOut(int i) {
        return 10 * (long) Math.pow(3, i);
    }

    private static long[] swingingSizes() {
        long[] sizes = new long[CALLBACKS];
        for (int i = 0; i < CALLBACKS; i++) {
            sizes[i] = bytesOut(i);
        }
        return sizes;
    }

    @Test
    void theWeightsOfTheConfigDecideTheScore() {
        EtwcorrConfig.ScoreWeights defaults = ConfigLoader.defaults().beacon.weights;
        EtwcorrConfig.ScoreWeights sizesOnly = ConfigLoader.load(null, SIZES_ONLY).beacon.weights;
        double byDefault = BeaconScore.of(times(), swingingSizes(), defaults).score;
        assertThat(BeaconScore.of(times(), swingingSizes()).score).isEqualTo(byDefault);
        assertThat(byDefault).isGreaterThan(0.7);
        assertThat(BeaconScore.of(times(), swingingSizes(), sizesOnly).score).isLessThan(0.05);
    }

    @Test
    void withoutSizesRegularityTakesItsOwnWeightAndSymmetryTheRest() {
        long[] unknown = new long[CALLBACKS];
        Arrays.fill(unknown, -1);
        EtwcorrConfig.ScoreWeights weights = ConfigLoader.load(null, List.of("beacon.weights.regularityWithoutSizes=0.5"))
                .beacon.weights;
        // Perfectly regular and symmetric: both parts are 1 whatever the split.
        assertThat(BeaconScore.of(times(), unknown, weights).score).isEqualTo(1.0);
    }

    @Test
    void theScorerAlertsOrNotAsItsConfiguredWeightsSay() throws Exception {
        assertThat(candidates(ConfigLoader.defaults().beacon)).isNotEmpty();
        assertThat(candidates(ConfigLoader.load(null, SIZES_ONLY).beacon)).isEmpty();
    }

    private static List<BeaconCandidate> candidates(EtwcorrConfig.Beacon config) throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BeaconScorer(config)), Callback::scoringKey, Types.STRING)) {
            harness.open();
            long[] times = times();
            for (int i = 0; i < CALLBACKS; i++) {
                harness.processElement(new StreamRecord<>(callback(times[i], bytesOut(i))));
            }
            return harness.extractOutputValues();
        }
    }

    private static Callback callback(long ts, long bytesOut) {
        Callback callback = new Callback();
        callback.host = "WS-0042";
        callback.pid = 7312;
        callback.entityId = "WS-0042:s9981";
        callback.executable = "C:\\x\\rundll32.exe";
        callback.destination = "cdn.evil.example";
        callback.domain = "cdn.evil.example";
        callback.ip = "203.0.113.7";
        callback.port = 443;
        callback.ts = ts;
        callback.bytesOut = bytesOut;
        callback.bytesIn = 190;
        return callback;
    }
}
