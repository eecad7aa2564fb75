package io.etwcorr.jobs.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.jobs.model.LineageProcess;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.schemas.out.EventField;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class FleetPrevalenceTest {
    private static final long SECOND = 1_000_000L;
    private static final long START = 1_795_633_627_000_000L;
    private static final String DESTINATION = "backup.corp.example";

    private static KeyedTwoInputStreamOperatorTestHarness<String, Callback, BeaconCandidate, OutputRecord> harness(
            EtwcorrConfig.Beacon config) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new FleetPrevalence(config)),
                (Callback callback) -> callback.destination, (BeaconCandidate candidate) -> candidate.destination, Types.STRING);
        harness.open();
        return harness;
    }

    private static Callback callback(int host, String destination) {
        Callback callback = new Callback();
        callback.host = String.format("WS-%05d", host);
        callback.entityId = callback.host + ":s1";
        callback.destination = destination;
        callback.domain = destination;
        callback.ts = START + host;
        return callback;
    }

    private static BeaconCandidate candidate(int host) {
        BeaconCandidate candidate = new BeaconCandidate();
        candidate.host = String.format("WS-%05d", host);
        candidate.pid = 7312;
        candidate.entityId = candidate.host + ":s1";
        candidate.destination = DESTINATION;
        candidate.domain = DESTINATION;
        candidate.episodeId = "episode-" + host;
        candidate.action = EventField.BEACON_DETECTED;
        candidate.firstSeen = START;
        candidate.lastSeen = START + 3600 * SECOND;
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
        var harness = harness(config);
        for (int host = 0; host < fleet; host++) {
            harness.processElement1(callback(host, "www.example.com"), START);
            if (host < contacting) {
                harness.processElement1(callback(host, DESTINATION), START);
            }
        }
        harness.processElement2(candidate(0), START);
        int alerts = harness.extractOutputValues().size();
        harness.close();
        return alerts;
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
}
