package io.etwcorr.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.cli.Etwcorr;
import io.etwcorr.cli.bench.BenchKafka;
import io.etwcorr.collector.delivery.KafkaRawProducer;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code etwcorr job} as an operator runs it: the whole process killed with SIGKILL mid-stream and
 * started again with the same command. It must resume from its own latest checkpoint, so the
 * output topics, read with read_committed, equal an uninterrupted run's: the same alerts with the
 * same ids, nothing missing, nothing twice. Fleet prevalence is on (its fleet size is checkpointed
 * too); only the wall-clock idle flush is set beyond the run, as it depends on when things happen.
 */
class JobProcessKillITCase {
    private static final Logger LOG = LoggerFactory.getLogger(JobProcessKillITCase.class);
    private static final FleetSpec FLEET = FleetSpec.demo(50, 7);
    private static final int EVENTS = 50_000;
    /** The killed job sees half of the input first and is killed once it committed 40 % of all of it. */
    private static final int FIRST_PART = EVENTS / 2;
    private static final long KILL_AT = EVENTS * 4L / 10;
    private static final long CHECKPOINT_INTERVAL_MS = 2_000;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final String WALL_CLOCK_INDEPENDENT = "correlation.idleHostFlushSeconds=3600";

    @TempDir
    Path work;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aJobProcessKilledMidStreamResumesWithNothingLostOrTwice() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            CorrelationRun reference = new CorrelationRun(kafka, "reference", CHECKPOINT_INTERVAL_MS,
                    "kafka.topics.raw=reference.etw.raw", WALL_CLOCK_INDEPENDENT);
            feed(kafka, "reference.etw.raw", 0, EVENTS);
            Map<String, List<String>> expected = uninterrupted(reference);

            CorrelationRun run = new CorrelationRun(kafka, "killed", CHECKPOINT_INTERVAL_MS,
                    "kafka.topics.raw=killed.etw.raw", WALL_CLOCK_INDEPENDENT);
            feed(kafka, "killed.etw.raw", 0, FIRST_PART);
            Path state = work.resolve("state");
            List<String> command = jobCommand(run, state);

            Process first = start(command, work.resolve("first.log"));
            awaitConsumedOrDeath(run, first, KILL_AT, work.resolve("first.log"));
            long consumedAtKill = run.consumed();
            first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no savepoint
            feed(kafka, "killed.etw.raw", FIRST_PART, EVENTS);

            Process second = start(command, work.resolve("second.log"));
            awaitConsumedOrDeath(run, second, EVENTS, work.resolve("second.log"));
            Thread.sleep(2 * CHECKPOINT_INTERVAL_MS); // the sinks commit the last checkpoint's transactions
            second.destroy(); // SIGTERM: stop with a savepoint
            assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("the job stops on SIGTERM").isTrue();

            String secondLog = Files.readString(work.resolve("second.log"));
            assertThat(consumedAtKill).as("killed mid-stream").isBetween(KILL_AT, (long) FIRST_PART);
            assertThat(secondLog).as(secondLog).contains("job killed: resuming from " + state.resolve("killed").resolve("checkpoints"));
            assertThat(secondLog).contains("job stopped with savepoint");
            try (var savepoints = Files.list(state.resolve("killed").resolve("savepoints"))) {
                assertThat(savepoints).isNotEmpty();
            }
            OutputComparison comparison = OutputComparison.of(expected, run.outputs());
            LOG.info("job process kill -9: killed at {} of {} events committed; {} records compared, {} missing, {} extra;"
                            + " {} alerts", consumedAtKill, EVENTS, comparison.compared(), comparison.missing(),
                    comparison.extra(), expected.get("anomalies").size());
            assertThat(comparison.firstDifferences()).as("differences from the uninterrupted run").isEmpty();
            assertThat(comparison.missing()).isZero();
            assertThat(comparison.extra()).isZero();
            assertThat(expected.get("anomalies")).as("the true alert").isNotEmpty();
        }
    }

    private Map<String, List<String>> uninterrupted(CorrelationRun reference) throws Exception {
        JobClient job = reference.startLocally(work.resolve("reference-checkpoints"));
        try {
            reference.awaitConsumed(EVENTS, RUN_TIMEOUT);
            Thread.sleep(2 * CHECKPOINT_INTERVAL_MS);
        } finally {
            BenchKafka.cancelQuietly(job);
        }
        return reference.outputs();
    }

    /** {@code etwcorr job} in its own JVM, with this test's classpath and the run's config. */
    private static List<String> jobCommand(CorrelationRun run, Path state) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-cp", System.getProperty("java.class.path"), Etwcorr.class.getName(),
                "job", "--name", "killed", "--set", "job.stateDir=" + state));
        command.addAll(run.jobArgs());
        return command;
    }

    private static Process start(List<String> command, Path log) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitConsumedOrDeath(CorrelationRun run, Process job, long events, Path log) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (run.consumed() < events) {
            assertThat(job.isAlive()).as("the job process is running: %s", tail(log)).isTrue();
            assertThat(System.nanoTime()).as("%d events committed within %s: %s", events, RUN_TIMEOUT, tail(log))
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Records [from, to) of what the fleet's collectors send, keyed by host as the collector sends
     * them. One request in flight and long timeouts: on a loaded machine a timed-out batch would otherwise reset the idempotent
     * producer's sequence and fail the batches behind it.
     */
    private static void feed(EmbeddedKafka kafka, String topic, int from, int to) {
        Map<String, String> patient = Map.of("max.in.flight.requests.per.connection", "1",
                "request.timeout.ms", "120000", "delivery.timeout.ms", "300000");
        try (KafkaRawProducer producer = new KafkaRawProducer(kafka.bootstrapServers(), topic, patient)) {
            for (RawEvent record : CollectorSentRecords.first(FLEET, to).subList(from, to)) {
                producer.send(record);
            }
            producer.flush();
            assertThat(producer.failed()).isZero();
        }
    }

    private static String tail(Path log) throws Exception {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
