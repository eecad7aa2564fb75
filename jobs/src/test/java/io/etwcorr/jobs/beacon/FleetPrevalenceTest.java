package io.etwcorr.jobs.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.Callback;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The fleet size survives a restore: without it, every destination two hosts share looks like infrastructure. */
class FleetPrevalenceTest {
    private static final long T0 = 1_800_000_000_000_000L;
    private static final long SECOND = 1_000_000L;
    private static final long HOLD_SECONDS = new EtwcorrConfig.Beacon().prevalenceHoldSeconds;
    /** The fleet's time (ms) at which the candidates below (last callback at T0 + 30 s) are decided. */
    private static final long HOLD_DONE = (T0 + 30 * SECOND) / 1000 + HOLD_SECONDS * 1000;

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
            restored.processBothWatermarks(new Watermark(HOLD_DONE));

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
            fresh.processBothWatermarks(new Watermark(HOLD_DONE));

            assertThat(fresh.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aCandidateWaitsForTheFleetsTimeToPassItThenLeavesNoTimer() throws Exception {
        try (var harness = open(null)) {
            harness.processElement2(candidate("h0", "c2.example:443", T0 + 30 * SECOND), T0);
            harness.processBothWatermarks(new Watermark(HOLD_DONE - 1));
            harness.processElement1(callback("h1", "c2.example:443", T0 + 200 * SECOND), T0);
            harness.processElement1(callback("h2", "c2.example:443", T0 + 201 * SECOND), T0);
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processBothWatermarks(new Watermark(HOLD_DONE));

            // Callbacks that arrived before the fleet's time passed the candidate count: 3 of 3 hosts.
            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aCandidateTheFleetsTimeAlreadyPassedIsDecidedAtOnce() throws Exception {
        try (var harness = open(null)) {
            harness.processBothWatermarks(new Watermark(HOLD_DONE));

            harness.processElement2(candidate("h0", "c2.example:443", T0 + 30 * SECOND), T0);

            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(passed -> assertThat(passed.host).isEqualTo("h0"));
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aStalledWatermarkDecidesAfterTheHoldInWallTime() throws Exception {
        try (var harness = open(null)) {
            for (int host = 0; host < 10; host++) {
                harness.processElement1(callback("h" + host, "update.example:443", T0 + host * SECOND), T0);
            }
            harness.processElement2(candidate("h0", "update.example:443", T0 + 30 * SECOND), T0);
            harness.processElement2(candidate("h9", "c2.example:443", T0 + 30 * SECOND), T0);

            harness.setProcessingTime(HOLD_SECONDS * 1000);

            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(passed -> assertThat(passed.host).isEqualTo("h9"));
            assertThat(harness.numEventTimeTimers()).as("the candidates' event-time timers stay until the fleet's time passes").isEqualTo(2);
            assertThat(harness.numProcessingTimeTimers()).isZero();
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
