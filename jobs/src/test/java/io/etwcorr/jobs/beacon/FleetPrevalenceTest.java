package io.etwcorr.jobs.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.Callback;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The fleet size survives a restore: without it, every destination two hosts share looks like infrastructure. */
class FleetPrevalenceTest {
    private static final long T0 = 1_800_000_000_000_000L;
    private static final long SECOND = 1_000_000L;

    @Test
    void aRestoredSubtaskStillKnowsTheFleetItHadSeen() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = open(null)) {
            for (int host = 0; host < 10; host++) {
                before.processElement1(callback("h" + host, "update.example:443", T0 + host * SECOND), T0);
            }
            before.processElement1(callback("h0", "c2.example:443", T0 + 20 * SECOND), T0);
            before.processElement1(callback("h1", "c2.example:443", T0 + 21 * SECOND), T0);
            snapshot = before.snapshot(1, T0);
        }

        try (var restored = open(snapshot)) {
            restored.processElement2(candidate("h0", "c2.example:443", T0 + 30 * SECOND), T0);

            // 2 of 10 hosts is below the 50 % that makes a destination infrastructure: the candidate passes.
            assertThat(restored.extractOutputValues()).singleElement()
                    .satisfies(passed -> assertThat(passed.hostsContactingDestination).isEqualTo(2));
        }
    }

    @Test
    void withoutAFleetTwoHostsAreInfrastructure() throws Exception {
        try (var fresh = open(null)) {
            fresh.processElement1(callback("h0", "c2.example:443", T0 + 20 * SECOND), T0);
            fresh.processElement1(callback("h1", "c2.example:443", T0 + 21 * SECOND), T0);
            fresh.processElement2(candidate("h0", "c2.example:443", T0 + 30 * SECOND), T0);

            assertThat(fresh.extractOutputValues()).isEmpty();
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Callback, BeaconCandidate, BeaconCandidate> open(
            OperatorSubtaskState restoreFrom) throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        config.prevalenceMinHosts = 2;
        config.prevalenceMinFraction = 0.5;
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new FleetPrevalence(config)),
                (Callback callback) -> callback.destination, (BeaconCandidate candidate) -> candidate.destination,
                Types.STRING);
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    private static Callback callback(String host, String destination, long ts) {
        Callback callback = new Callback();
        callback.host = host;
        callback.destination = destination;
        callback.ts = ts;
        return callback;
    }

    private static BeaconCandidate candidate(String host, String destination, long lastSeen) {
        BeaconCandidate candidate = new BeaconCandidate();
        candidate.host = host;
        candidate.destination = destination;
        candidate.firstSeen = lastSeen - 600 * SECOND;
        candidate.lastSeen = lastSeen;
        return candidate;
    }
}
