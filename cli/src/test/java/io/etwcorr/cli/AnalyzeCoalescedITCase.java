package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.collector.coalesce.CoalesceSettings;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.CorpusWriter;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.GroundTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One simulated fleet (with the browser's QUIC video) as its collectors log every
 * Kernel-Network send and receive, and as they send it with coalesced transfers: far fewer records,
 * the same connections, flows and alerts.
 */
class AnalyzeCoalescedITCase {
    private static final int HOSTS = 8;

    @TempDir
    Path dir;

    @Test
    void coalescedTransfersGiveTheSameNetworkOutputsAndAlertsAsEverySendAndReceive() throws Exception {
        FleetSpec fleet = new FleetSpec(21, HOSTS, FleetSpec.DEFAULT_START_MICROS, 3600, 1.0,
                AnalyzeScenariosITCase.implants(), BenignMix.defaults().withQuic());
        Path raw = dir.resolve("raw.jsonl.gz");
        GroundTruth truth = CorpusWriter.write(fleet, raw);
        Path coalesced = dir.resolve("coalesced.jsonl.gz");
        CoalescingCollectors[] collectors = new CoalescingCollectors[1];
        CorpusWriter.write(fleet, coalesced,
                file -> collectors[0] = new CoalescingCollectors(CoalesceSettings.DEFAULTS, file));

        AnalyzeCommand.Summary rawRun = AnalyzeCommand.analyze(List.of(raw), dir.resolve("raw"), ConfigLoader.defaults());
        AnalyzeCommand.Summary coalescedRun = AnalyzeCommand.analyze(List.of(coalesced), dir.resolve("coalesced"),
                ConfigLoader.defaults());

        assertThat(coalescedRun.recordsIn()).isEqualTo(collectors[0].recordsOut());
        assertThat(rawRun.recordsIn()).as("at least three raw events per coalesced record")
                .isGreaterThanOrEqualTo(3 * coalescedRun.recordsIn());
        List<String> alerts = lines("raw", "anomalies.jsonl");
        assertThat(alerts).as("every implant alerts").hasSizeGreaterThanOrEqualTo(truth.implants().size());
        for (String file : List.of("anomalies.jsonl", "connections.jsonl", "flows.jsonl")) {
            assertThat(lines("coalesced", file)).as(file).isNotEmpty().isEqualTo(lines("raw", file));
        }
        assertThat(dir.resolve("coalesced").resolve("deadletter.jsonl")).isEmptyFile();
    }

    private List<String> lines(String run, String file) throws Exception {
        return Files.readAllLines(dir.resolve(run).resolve(file));
    }
}
