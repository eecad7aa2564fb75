package io.etwcorr.jobs.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.Callback;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class BeaconScorerTest {
    private static final long SECOND = 1_000_000L;
    private static final long START = 1_795_633_627_000_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, Callback, BeaconCandidate> harness(
            EtwcorrConfig.Beacon config) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BeaconScorer(config)), Callback::scoringKey, Types.STRING);
        harness.open();
        return harness;
    }

    private static Callback callback(long ts, String executable) {
        Callback callback = new Callback();
        callback.host = "WS-0042";
        callback.pid = 7312;
        callback.entityId = "WS-0042:s9981";
        callback.executable = executable;
        callback.destination = "cdn.evil.example";
        callback.domain = "cdn.evil.example";
        callback.ip = "203.0.113." + (ts / SECOND % 5); // rotating C2 addresses, one destination
        callback.port = 443;
        callback.ts = ts;
        callback.bytesOut = 517;
        callback.bytesIn = 190;
        return callback;
    }

    private static List<BeaconCandidate> candidates(
            KeyedOneInputStreamOperatorTestHarness<String, Callback, BeaconCandidate> harness) {
        return harness.extractOutputValues();
    }

    @Test
    void aPeriodicCallbackStreamAlertsOnceWhenItCrossesTheThreshold() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        var harness = harness(config);
        for (int i = 0; i < 20; i++) {
            harness.processElement(new StreamRecord<>(callback(START + i * 60 * SECOND, "C:\\x\\rundll32.exe")));
            if (i + 1 < config.minCallbacks) {
                assertThat(candidates(harness)).as("before %d callbacks", config.minCallbacks).isEmpty();
            }
        }
        assertThat(candidates(harness)).singleElement().satisfies(c -> {
            assertThat(c.callbacks).isEqualTo(config.minCallbacks);
            assertThat(c.intervalSeconds).isEqualTo(60.0);
            assertThat(c.destination).isEqualTo("cdn.evil.example");
            assertThat(c.firstSeen).isEqualTo(START);
            assertThat(c.lastSeen).isEqualTo(START + (config.minCallbacks - 1) * 60 * SECOND);
            assertThat(c.bytesOutMedian).isEqualTo(517);
            assertThat(c.bytesInMedian).isEqualTo(190);
            assertThat(c.episodeId).isNotBlank();
        });
        harness.close();
    }

    @Test
    void afterTheQuietPeriodTheSameTripleAlertsAgainWithANewEpisodeId() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        var harness = harness(config);
        long sleep = 300 * SECOND;
        int callbacks = (int) (config.quietPeriodSeconds * SECOND / sleep) + config.minCallbacks + 2;
        for (int i = 0; i < callbacks; i++) {
            harness.processElement(new StreamRecord<>(callback(START + i * sleep, "C:\\x\\rundll32.exe")));
        }
        List<BeaconCandidate> alerts = candidates(harness);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).lastSeen - alerts.get(0).lastSeen).isGreaterThanOrEqualTo(config.quietPeriodSeconds * SECOND);
        assertThat(alerts.get(1).episodeId).isNotEqualTo(alerts.get(0).episodeId);
        harness.close();
    }

    @Test
    void parallelConnectionsOfOneCheckInAreOneCallback() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        var harness = harness(config);
        for (int i = 0; i < config.minCallbacks; i++) {
            harness.processElement(new StreamRecord<>(callback(START + i * 60 * SECOND, "C:\\x\\a.exe")));
            harness.processElement(new StreamRecord<>(callback(START + i * 60 * SECOND + 200_000, "C:\\x\\a.exe")));
        }
        assertThat(candidates(harness)).singleElement()
                .satisfies(c -> assertThat(c.bytesOutMedian).isEqualTo(2 * 517));
        harness.close();
    }

    @Test
    void allowlistedProcessesAreNeverScored() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        config.allowlist.images = List.of("rundll32.exe");
        var harness = harness(config);
        for (int i = 0; i < 20; i++) {
            harness.processElement(new StreamRecord<>(callback(START + i * 60 * SECOND, "C:\\x\\rundll32.exe")));
        }
        assertThat(candidates(harness)).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        harness.close();
    }
}
