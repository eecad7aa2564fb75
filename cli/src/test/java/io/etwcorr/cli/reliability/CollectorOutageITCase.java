package io.etwcorr.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.collector.delivery.DeliveryStats;
import io.etwcorr.collector.delivery.SpoolingKafkaSink;
import io.etwcorr.collector.delivery.SpoolingKafkaSinkConfig;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.cli.bench.BenchKafka;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import io.etwcorr.schemas.raw.RawEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's side of reliability, seen from the job's outputs: a simulated fleet's events go
 * through the collector's delivery (SpoolingKafkaSink) into the broker while the correlation job
 * runs (in a MiniCluster); the broker stops, the collector spools, stops during the outage and starts again (a new run
 * id, sequence numbers from 1, the same spool), then the broker comes back. Downstream, etw.health
 * must account for every event (received, less the resent ones it counted as duplicates), with no
 * sequence gap and no late event; no output record may appear twice.
 */
class CollectorOutageITCase {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorOutageITCase.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OUTAGE = Duration.ofSeconds(8);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);
    /** Longer than the outage, so the outage makes no host idle; the end of the test waits for it. */
    private static final long IDLE_FLUSH_SECONDS = 20;

    @TempDir
    Path spool;

    @TempDir
    Path checkpoints;

    @Test
    void aBrokerOutageAndACollectorRestartLeaveNoUnexplainedGapAndNoDuplicate() throws Exception {
        List<RawEvent> fleet = FleetSimulator.stream(FleetSpec.benign(4, 21, 1_800)).toList();
        List<RawEvent> beforeOutage = fleet.subList(0, fleet.size() / 3);
        List<RawEvent> duringOutage = fleet.subList(fleet.size() / 3, 2 * fleet.size() / 3);
        List<RawEvent> afterRestart = asNewRun(fleet.subList(2 * fleet.size() / 3, fleet.size()));

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            CorrelationRun run = new CorrelationRun(kafka, "outage", 1_000,
                    "correlation.idleHostFlushSeconds=" + IDLE_FLUSH_SECONDS);
            JobClient job = run.startLocally(checkpoints);
            try {
                SpoolingKafkaSink first = SpoolingKafkaSink.start(sinkConfig(kafka));
                beforeOutage.forEach(first::accept);
                awaitTrue(() -> first.stats().sent() >= beforeOutage.size(), "delivery before the outage");

                long outageStarted = System.nanoTime();
                kafka.stopBroker();
                duringOutage.forEach(first::accept);
                awaitTrue(() -> first.stats().spooled() > 0, "spooling during the outage");
                first.close(); // the collector stops during the outage; what it could not send stays spooled

                SpoolingKafkaSink restarted = SpoolingKafkaSink.start(sinkConfig(kafka));
                afterRestart.forEach(restarted::accept);
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - outageStarted) / 1_000_000));
                kafka.restartBroker();
                long outage = System.nanoTime() - outageStarted;
                awaitTrue(() -> restarted.stats().sent() >= duringOutage.size() + afterRestart.size(),
                        "delivery of the spool and the new run");
                restarted.close();

                Map<String, Long> health = awaitHealthOf(run, fleet.size());
                Map<String, List<String>> outputs = run.outputs();
                DeliveryStats firstStats = first.stats();
                DeliveryStats restartedStats = restarted.stats();
                LOG.info("Collector outage and restart: {} events of {} hosts, broker down {} s; first run {}, restarted"
                                + " run {}; etw.health {}", fleet.size(), 4, String.format("%.1f", outage / 1e9),
                        firstStats, restartedStats, health);

                assertThat(firstStats.spooled()).as("spooled during the outage").isPositive();
                assertThat(firstStats.dropped() + restartedStats.dropped()).isZero();
                assertThat(health.get("received")).as("every record in etw.raw")
                        .isEqualTo(kafka.consumeToEnd("etw.raw", DELIVERY_TIMEOUT, false).size());
                assertThat(health.get("received") - health.get("duplicates")).as("every event once")
                        .isEqualTo(fleet.size());
                assertThat(health.get("sequence_gaps")).isZero();
                assertThat(health.get("late")).isZero();
                assertThat(outputs.get("deadletter")).isEmpty();
                for (var output : outputs.entrySet()) {
                    assertThat(output.getValue()).as(output.getKey()).doesNotHaveDuplicates();
                }
                assertThat(outputs.get("connections")).isNotEmpty();
                assertThat(outputs.get("flows")).isNotEmpty();
            } finally {
                BenchKafka.cancelQuietly(job);
            }
        }
    }

    /** The events as a restarted collector numbers them: a new run id per host, sequence numbers from 1. */
    private static List<RawEvent> asNewRun(List<RawEvent> events) {
        Map<String, String> runs = new HashMap<>();
        Map<String, Long> seqs = new HashMap<>();
        return events.stream().map(e -> new RawEvent(e.v(), e.host(),
                runs.computeIfAbsent(e.host(), host -> UUID.randomUUID().toString()),
                seqs.merge(e.host(), 1L, Long::sum), e.ts(), e.provider(), e.guid(), e.id(), e.ver(), e.opcode(),
                e.pid(), e.tid(), e.props(), e.x())).toList();
    }

    private SpoolingKafkaSinkConfig sinkConfig(EmbeddedKafka kafka) {
        return SpoolingKafkaSinkConfig.defaults(kafka.bootstrapServers(), spool)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(2))
                .withClientProperties(Map.of("max.block.ms", "200", "reconnect.backoff.max.ms", "500"));
    }

    /** Sums etw.health's counters over hosts and intervals once they account for {@code events} (duplicates aside). */
    private static Map<String, Long> awaitHealthOf(CorrelationRun run, long events) throws Exception {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos() + Duration.ofSeconds(IDLE_FLUSH_SECONDS).toNanos();
        while (true) {
            Map<String, Long> totals = new HashMap<>();
            for (String record : run.outputs().get("health")) {
                JsonNode counters = JSON.readTree(record.substring(record.indexOf('\t') + 1)).at("/etwcorr/health");
                counters.fields().forEachRemaining(counter -> totals.merge(counter.getKey(), counter.getValue().asLong(), Long::sum));
            }
            long distinct = totals.getOrDefault("received", 0L) - totals.getOrDefault("duplicates", 0L);
            if (distinct >= events || System.nanoTime() > deadline) {
                return totals;
            }
            Thread.sleep(1_000);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + DELIVERY_TIMEOUT).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
