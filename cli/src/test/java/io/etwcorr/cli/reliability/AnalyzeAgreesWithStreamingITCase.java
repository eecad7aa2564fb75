package io.etwcorr.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.cli.AnalyzeCommand;
import io.etwcorr.cli.bench.BenchKafka;
import io.etwcorr.collector.delivery.KafkaRawProducer;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.simulator.BeaconMode;
import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.CorpusWriter;
import io.etwcorr.simulator.Delivery;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.GroundTruth;
import io.etwcorr.simulator.ImplantSpec;
import io.etwcorr.simulator.ImplantTruth;
import io.etwcorr.simulator.InjectionTarget;
import io.etwcorr.simulator.JitterKind;
import io.etwcorr.simulator.LineageEntry;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 15, point 1: {@code analyze} over a 48-hour file resolves each alert as of its own time, so it
 * gives the alerts the streaming job gave while the same two days arrived: the first 24 hours, then
 * (the job still running, its state kept) the second 24 hours through Kafka. A 4-hour sleeper, injected
 * into the rundll32.exe its stager started, calls back until 44 h, its stager gone since minute 31;
 * a 10-minute beacon runs across the cut. Both sides must name the same episodes (event.id), and for
 * each the same process, lineage chain with its edges, and patient zero.
 */
class AnalyzeAgreesWithStreamingITCase {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyzeAgreesWithStreamingITCase.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR_MICROS = 3_600_000_000L;
    /** Longer than the pause between the halves (the first half being consumed), so that no host is flushed in it. */
    private static final long IDLE_FLUSH_SECONDS = 30;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(IDLE_FLUSH_SECONDS + 90);

    @TempDir
    Path dir;

    @TempDir
    Path checkpoints;

    @Test
    void aTwoDayFileGivesTheAlertsTheStreamingJobGaveOverItsTwoDays() throws Exception {
        FleetSpec fleet = new FleetSpec(48, 4, FleetSpec.DEFAULT_START_MICROS, 48 * 3600, 0.2, List.of(
                new ImplantSpec(0, 1800, 4 * 3600, 0.2, JitterKind.ASYMMETRIC, 0.0, BeaconMode.NEW_CONNECTION,
                        Delivery.INJECTED, InjectionTarget.SPAWNED_RUNDLL32, "cdn.slow-sleeper.example", 443, 0),
                new ImplantSpec(1, 20 * 3600, 600, 0.2, JitterKind.ASYMMETRIC, 0.0, BeaconMode.NEW_CONNECTION,
                        Delivery.DIRECT, InjectionTarget.SPAWNED_RUNDLL32, "sync.across-the-cut.example", 443, 10 * 3600)),
                sparseBackground());
        Path file = dir.resolve("two-days.jsonl.gz");
        GroundTruth truth = CorpusWriter.write(fleet, file);

        long started = System.nanoTime();
        Map<String, String> analyzed = episodes(analyze(file));
        long analyzeNanos = System.nanoTime() - started;

        long cut = fleet.startMicros() + 24 * HOUR_MICROS;
        List<RawEvent> events = FleetSimulator.stream(fleet).toList();
        List<RawEvent> firstDay = events.stream().filter(e -> e.ts() < cut).toList();
        List<RawEvent> secondDay = events.stream().filter(e -> e.ts() >= cut).toList();

        Map<String, String> streamed;
        long[] phases = new long[4]; // job started, first day consumed, second day consumed, alerts settled
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            CorrelationRun run = new CorrelationRun(kafka, "halves", 1_000,
                    "correlation.idleHostFlushSeconds=" + IDLE_FLUSH_SECONDS, "beacon.prevalenceHoldSeconds=5");
            JobClient job = run.startLocally(checkpoints);
            try {
                phases[0] = System.nanoTime();
                produce(kafka, run, firstDay);
                phases[1] = run.awaitConsumed(firstDay.size(), Duration.ofMinutes(2));
                produce(kafka, run, secondDay);
                phases[2] = run.awaitConsumed(events.size(), Duration.ofMinutes(2));
                streamed = awaitEpisodes(run, analyzed);
                phases[3] = System.nanoTime();
            } finally {
                BenchKafka.cancelQuietly(job);
            }
        }
        LOG.info("48 h of {} hosts, {} events ({} + {}): analyze {} s, {} episode(s); streaming: first day consumed after {} s,"
                        + " second after {} s more, alerts settled {} s later (idle flush {} s), {} episode(s)",
                fleet.hosts(), events.size(), firstDay.size(), secondDay.size(), seconds(analyzeNanos), analyzed.size(),
                seconds(phases[1] - phases[0]), seconds(phases[2] - phases[1]), seconds(phases[3] - phases[2]),
                IDLE_FLUSH_SECONDS, streamed.size());

        assertThat(streamed).as("episodes (event.id) and their process, lineage and patient zero").isEqualTo(analyzed);
        for (ImplantTruth implant : truth.implants()) {
            String expected = describe(implant.entityId(),
                    implant.lineage().stream().map(e -> e.entityId() + " " + e.edge()).toList(),
                    implant.patientZero().entityId());
            assertThat(analyzed.values()).as("%s -> %s", implant.image(), implant.destination()).containsOnlyOnce(expected);
        }
        ImplantTruth sleeper = truth.implants().get(0);
        assertThat(sleeper.lineage()).extracting(LineageEntry::edge).as("the sleeper's injection edge").contains("injected");
        long stagerExited = fleet.startMicros() + (1800 + 60) * 1_000_000L;
        assertThat(sleeper.callbackMicros().get(sleeper.callbackMicros().size() - 1) - stagerExited)
                .as("the sleeper's last callback comes more than 30 h after its stager exited")
                .isGreaterThan(30 * HOUR_MICROS);
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }

    /** Update services, NTP, a few admin tools and page visits: enough to keep the joins and tables busy, cheap to run. */
    private static BenignMix sparseBackground() {
        BenignMix defaults = BenignMix.defaults();
        return new BenignMix(true, false, true, true, false, true, true, false, 0.2, 2,
                defaults.browserPollS(), defaults.ntpPeriodS(), defaults.chatKeepAliveS());
    }

    private List<JsonNode> analyze(Path file) throws Exception {
        Path out = dir.resolve("analyze-out");
        AnalyzeCommand.analyze(List.of(file), out, ConfigLoader.defaults());
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("anomalies.jsonl"))) {
            alerts.add(JSON.readTree(line));
        }
        return alerts;
    }

    private static void produce(EmbeddedKafka kafka, CorrelationRun run, List<RawEvent> events) {
        try (KafkaRawProducer producer = new KafkaRawProducer(kafka.bootstrapServers(), run.config().kafka.topics.raw, Map.of())) {
            events.forEach(producer::send);
            producer.flush();
            assertThat(producer.failed()).as("sends to etw.raw that failed").isZero();
        }
    }

    /** Polls the job's committed alerts until they name the episodes {@code analyze} named, or the time is up. */
    private static Map<String, String> awaitEpisodes(CorrelationRun run, Map<String, String> expected) throws Exception {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (true) {
            List<JsonNode> alerts = new ArrayList<>();
            for (String record : run.outputs().get("anomalies")) {
                alerts.add(JSON.readTree(record.substring(record.indexOf('\t') + 1)));
            }
            Map<String, String> episodes = episodes(alerts);
            if (episodes.equals(expected) || System.nanoTime() > deadline) {
                return episodes;
            }
            Thread.sleep(2_000);
        }
    }

    /**
     * Each episode (event.id) with what its records say about the process: one description per
     * episode when every record of it names the same process, chain and patient zero, else all of them.
     */
    private static Map<String, String> episodes(List<JsonNode> alerts) {
        Map<String, Set<String>> byId = new TreeMap<>();
        for (JsonNode alert : alerts) {
            List<String> chain = new ArrayList<>();
            alert.path("lineage").forEach(link -> chain.add(link.path("entity_id").asText() + " " + link.path("edge").asText()));
            byId.computeIfAbsent(alert.at("/event/id").asText(), id -> new TreeSet<>()).add(describe(
                    alert.at("/process/entity_id").asText(), chain, alert.at("/patient_zero/entity_id").asText()));
        }
        Map<String, String> episodes = new TreeMap<>();
        byId.forEach((id, descriptions) -> episodes.put(id, String.join(" | ", descriptions)));
        return episodes;
    }

    private static String describe(String process, List<String> chain, String patientZero) {
        return "process " + process + ", lineage " + chain + ", patient zero " + patientZero;
    }
}
