package io.etwcorr.jobs.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.jobs.model.LineageProcess;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.schemas.out.EventField;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Which destinations are infrastructure (by share of the fleet or by host count), when a candidate is
 * decided (once the fleet's time passed it), and that the fleet size survives a restore.
 */
class FleetPrevalenceTest {
    private static final long SECOND = 1_000_000L;
    private static final long START = 1_795_633_627_000_000L;
    private static final String DESTINATION = "backup.corp.example";
    private static final long T0 = 1_800_000_000_000_000L;
    private static final long HOLD_SECONDS = new EtwcorrConfig.Beacon().prevalenceHoldSeconds;
    /** The fleet's time (ms) at which the candidates below (last callback at T0 + 30 s) are decided. */
    private static final long HOLD_DONE = (T0 + 30 * SECOND) / 1000 + HOLD_SECONDS * 1000;

    private static KeyedTwoInputStreamOperatorTestHarness<String, Callback, BeaconCandidate, OutputRecord> harness(
            EtwcorrConfig.Beacon config, OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new FleetPrevalence(config)),
                (Callback callback) -> callback.destination, (BeaconCandidate candidate) -> candidate.destination, Types.STRING);
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    /** Two of ten hosts make a destination infrastructure only if the operator forgot the other eight. */
    private static KeyedTwoInputStreamOperatorTestHarness<String, Callback, BeaconCandidate, OutputRecord> smallFleet(
            OperatorSubtaskState restoreFrom) throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        config.prevalenceMinHosts = 2;
        config.prevalenceMinFraction = 0.5;
        return harness(config, restoreFrom);
    }

    private static Callback callback(String host, String destination, long ts) {
        Callback callback = new Callback();
        callback.host = host;
        callback.entityId = host + ":s1";
        callback.destination = destination;
        callback.domain = destination;
        callback.ts = ts;
        return callback;
    }

    private static Callback callback(int host, String destination) {
        return callback(String.format("WS-%05d", host), destination, START + host);
    }

    private static BeaconCandidate candidate(String host, String destination, long lastSeen) {
        BeaconCandidate candidate = new BeaconCandidate();
        candidate.host = host;
        candidate.pid = 7312;
        candidate.entityId = host + ":s1";
        candidate.destination = destination;
        candidate.domain = destination;
        candidate.episodeId = "episode-" + host;
        candidate.action = EventField.BEACON_DETECTED;
        candidate.firstSeen = lastSeen - 3600 * SECOND;
        candidate.lastSeen = lastSeen;
        LineageProcess agent = new LineageProcess();
        agent.pid = 7312;
        agent.entityId = candidate.entityId;
        agent.name = "agent.exe";
        agent.edge = "root";
        candidate.lineage = new LineageProcess[] {agent};
        candidate.patientZeroIndex = 0;
        candidate.patientZeroReason = "the alerting process itself (parent unknown)";
        return candidate;
    }

    /** A fleet of {@code fleet} hosts that all call a browsing site, {@code contacting} of which call the destination. */
    private static int alertsFor(EtwcorrConfig.Beacon config, int fleet, int contacting) throws Exception {
        try (var harness = harness(config, null)) {
            for (int host = 0; host < fleet; host++) {
                harness.processElement1(callback(host, "www.example.com"), START);
                if (host < contacting) {
                    harness.processElement1(callback(host, DESTINATION), START);
                }
            }
            harness.processElement2(candidate(String.format("WS-%05d", 0), DESTINATION, START + 3600 * SECOND), START);
            harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            return harness.extractOutputValues().size();
        }
    }

    @Test
    void aDestinationOfAFewHostsInASmallFleetIsC2() throws Exception {
        assertThat(alertsFor(new EtwcorrConfig.Beacon(), 20, 1)).isEqualTo(1);
        assertThat(alertsFor(new EtwcorrConfig.Beacon(), 20, 4)).as("below the minimum of hosts").isEqualTo(1);
    }

    @Test
    void aShareOfTheFleetIsInfrastructure() throws Exception {
        assertThat(alertsFor(new EtwcorrConfig.Beacon(), 40, 5)).as("5 of 40").isZero();
        assertThat(alertsFor(new EtwcorrConfig.Beacon(), 200, 10)).as("10 of 200: 5 %").isEqualTo(1);
    }

    @Test
    void manyHostsAreInfrastructureWhateverTheFleetsSize() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        assertThat(alertsFor(config, 2000, config.prevalenceInfrastructureHosts)).as("25 of 2,000").isZero();
        assertThat(alertsFor(config, 2000, config.prevalenceInfrastructureHosts - 1)).as("24 of 2,000").isEqualTo(1);
    }

    @Test
    void aRestoredSubtaskStillKnowsTheFleetItHadSeen() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = smallFleet(null)) {
            for (int host = 0; host < 10; host++) {
                before.processElement1(callback("h" + host, "update.example:443", T0 + host * SECOND), T0);
            }
            before.processElement1(callback("h0", "c2.example:443", T0 + 20 * SECOND), T0);
            before.processElement1(callback("h1", "c2.example:443", T0 + 21 * SECOND), T0);
            snapshot = before.snapshot(1, T0);
        }

        try (var restored = smallFleet(snapshot)) {
            restored.processElement2(candidate("h0", "c2.example:443", T0 + 30 * SECOND), T0);
            restored.processBothWatermarks(new Watermark(HOLD_DONE));

            // 2 of 10 hosts is below the 50 % that makes a destination infrastructure: the candidate passes.
            assertThat(restored.extractOutputValues()).singleElement()
                    .satisfies(alert -> assertThat(alert.json).contains("\"hosts_contacting_destination\":2"));
        }
    }

    @Test
    void withoutAFleetTwoHostsAreInfrastructure() throws Exception {
        try (var fresh = smallFleet(null)) {
            fresh.processElement1(callback("h0", "c2.example:443", T0 + 20 * SECOND), T0);
            fresh.processElement1(callback("h1", "c2.example:443", T0 + 21 * SECOND), T0);
            fresh.processElement2(candidate("h0", "c2.example:443", T0 + 30 * SECOND), T0);
            fresh.processBothWatermarks(new Watermark(HOLD_DONE));

            assertThat(fresh.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aCandidateWaitsForTheFleetsTimeToPassItThenLeavesNoTimer() throws Exception {
        try (var harness = smallFleet(null)) {
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
        try (var harness = smallFleet(null)) {
            harness.processBothWatermarks(new Watermark(HOLD_DONE));

            harness.processElement2(candidate("h0", "c2.example:443", T0 + 30 * SECOND), T0);

            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(alert -> assertThat(alert.json).contains("\"episode-h0\""));
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aStalledWatermarkDecidesAfterTheHoldInWallTime() throws Exception {
        try (var harness = smallFleet(null)) {
            for (int host = 0; host < 10; host++) {
                harness.processElement1(callback("h" + host, "update.example:443", T0 + host * SECOND), T0);
            }
            harness.processElement2(candidate("h0", "update.example:443", T0 + 30 * SECOND), T0);
            harness.processElement2(candidate("h9", "c2.example:443", T0 + 30 * SECOND), T0);

            harness.setProcessingTime(HOLD_SECONDS * 1000);

            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(alert -> assertThat(alert.json).contains("\"episode-h9\""));
            assertThat(harness.numEventTimeTimers()).as("the candidates' event-time timers stay until the fleet's time passes").isEqualTo(2);
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }
}
