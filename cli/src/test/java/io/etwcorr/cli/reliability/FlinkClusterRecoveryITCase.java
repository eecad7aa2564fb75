package io.etwcorr.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.cli.bench.BenchKafka;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once through failures, on a real multi-process Flink cluster started with the
 * operator's script (deploy/flink) and the job jar submitted with Flink's client: a fixed
 * simulated fleet in etw.raw, a TaskManager killed with SIGKILL mid-run, and a stop with savepoint
 * and resubmission from it mid-run. Each run's output topics, read with read_committed, must equal
 * an uninterrupted run's (the same job graph in a MiniCluster) as multisets: nothing missing,
 * nothing twice.
 *
 * <p>The outputs carry event time only, but two behaviours of the job depend on when things happen
 * rather than on the input, and a restart moves both, so every run here sets them aside the same way:
 * <ul>
 *   <li>the idle-host flush (correlation.idleHostFlushSeconds) is wall-clock: set beyond the runs' length;
 *   <li>fleet prevalence decides on the callbacks of other hosts that reached the destination's key
 *       first (and rebuilds its fleet size after a restore): switched off (no destination counts as
 *       infrastructure), and each alert's count of hosts at that moment is left out of the comparison
 *       ({@link CorrelationRun#outputs}); with nothing to suppress there is nothing to wait for, so
 *       candidates are not held for the fleet's time (beacon.prevalenceHoldSeconds=0): after a
 *       failover a restored source's watermark can lag the end of the input, and held candidates would
 *       wait for the wall-clock fallback past the end of the run. Every other field of every record
 *       is compared.
 * </ul>
 */
class FlinkClusterRecoveryITCase {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkClusterRecoveryITCase.class);
    private static final FleetSpec FLEET = FleetSpec.demo(50, 7);
    private static final long EVENTS = 50_000;
    private static final long CHECKPOINT_INTERVAL_MS = 2_000;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    private static final String[] ARRIVAL_INDEPENDENT = {
            "correlation.idleHostFlushSeconds=3600", "beacon.prevalenceMinHosts=" + Integer.MAX_VALUE,
            "beacon.prevalenceHoldSeconds=0"};
    private static final Path JOB_JAR = Path.of("..", "jobs", "target", "etwcorr-job.jar").toAbsolutePath().normalize();

    @TempDir
    static Path work;

    private static EmbeddedKafka kafka;
    private static SessionCluster cluster;
    private static Map<String, List<String>> reference;

    @BeforeAll
    static void startKafkaFeedFleetRunReferenceStartCluster() throws Exception {
        assertThat(JOB_JAR).as("the job jar, built by the jobs module's package phase").isRegularFile();
        kafka = EmbeddedKafka.start();
        kafka.createTopics(BenchKafka.RAW_PARTITIONS, "etw.raw");
        BenchKafka.prefill(kafka, "etw.raw", CollectorSentRecords.first(FLEET, (int) EVENTS).iterator(), EVENTS);
        reference = uninterruptedRun();
        cluster = SessionCluster.start(Files.createDirectories(work.resolve("cluster")), 2);
    }

    @AfterAll
    static void stopClusterAndKafka() {
        if (cluster != null) {
            cluster.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aTaskManagerKilledMidRunCostsNoRecordAndDuplicatesNone() throws Exception {
        CorrelationRun run = new CorrelationRun(kafka, "crash", CHECKPOINT_INTERVAL_MS, ARRIVAL_INDEPENDENT);
        long submitted = System.nanoTime();
        String jobId = cluster.submit(JOB_JAR, run.jobArgs());
        awaitMidRun(run, jobId, EVENTS / 5);
        long consumedAtKill = run.consumed();
        String victim = cluster.taskManagersRunningSource(jobId).get(0);

        long killed = System.nanoTime();
        cluster.killTaskManager(victim);
        JsonNode restored = awaitCheckpointAfterRestore(jobId);
        long recovered = System.nanoTime();
        long done = run.awaitConsumed(EVENTS, RUN_TIMEOUT);
        Thread.sleep(2 * CHECKPOINT_INTERVAL_MS); // the sinks commit the last checkpoint's transactions
        cluster.cancel(jobId);
        cluster.startTaskManager(victim); // as the host's supervisor would, for the next test

        assertThat(consumedAtKill).as("killed mid-input").isLessThan(EVENTS);
        assertThat(restored.path("is_savepoint").asBoolean()).as("restored from a checkpoint").isFalse();
        OutputComparison comparison = OutputComparison.of(reference, run.outputs());
        LOG.info("TaskManager crash: killed {} at {} of {} events consumed; restored checkpoint {}; first checkpoint"
                        + " after the restore {} s after the kill; run {} s from submission; {} records compared,"
                        + " {} missing, {} extra", victim, consumedAtKill, EVENTS, restored.path("id").asLong(),
                seconds(recovered - killed), seconds(done - submitted), comparison.compared(), comparison.missing(),
                comparison.extra());
        assertSameAsReference(comparison);
    }

    @Test
    void stopWithSavepointAndResumeCostsNoRecordAndDuplicatesNone() throws Exception {
        CorrelationRun run = new CorrelationRun(kafka, "upgrade", CHECKPOINT_INTERVAL_MS, ARRIVAL_INDEPENDENT);
        String firstJob = cluster.submit(JOB_JAR, run.jobArgs());
        awaitMidRun(run, firstJob, EVENTS / 5);

        long stopping = System.nanoTime();
        String savepoint = cluster.stopWithSavepoint(firstJob, work.resolve("savepoints"));
        long stopped = System.nanoTime();
        long consumedAtStop = run.consumed();
        String secondJob = cluster.submit(JOB_JAR, run.jobArgs(), "--fromSavepoint", savepoint);
        JsonNode restored = awaitCheckpointAfterRestore(secondJob);
        long resumed = System.nanoTime();
        run.awaitConsumed(EVENTS, RUN_TIMEOUT);
        Thread.sleep(2 * CHECKPOINT_INTERVAL_MS);
        cluster.cancel(secondJob);

        assertThat(consumedAtStop).as("stopped mid-input").isLessThan(EVENTS);
        assertThat(restored.path("is_savepoint").asBoolean()).as("restored from the savepoint").isTrue();
        assertThat(restored.path("external_path").asText()).isEqualTo(savepoint);
        OutputComparison comparison = OutputComparison.of(reference, run.outputs());
        LOG.info("Savepoint upgrade: stopped at {} of {} events consumed; stop with savepoint {} s; resubmission to"
                        + " first checkpoint {} s; {} records compared, {} missing, {} extra", consumedAtStop, EVENTS,
                seconds(stopped - stopping), seconds(resumed - stopped), comparison.compared(), comparison.missing(),
                comparison.extra());
        assertSameAsReference(comparison);
    }

    /** The same job graph, uninterrupted, in a MiniCluster in this JVM. */
    private static Map<String, List<String>> uninterruptedRun() throws Exception {
        CorrelationRun run = new CorrelationRun(kafka, "reference", CHECKPOINT_INTERVAL_MS, ARRIVAL_INDEPENDENT);
        JobClient job = run.startLocally(work.resolve("reference-checkpoints"));
        try {
            run.awaitConsumed(EVENTS, RUN_TIMEOUT);
            Thread.sleep(2 * CHECKPOINT_INTERVAL_MS);
        } finally {
            BenchKafka.cancelQuietly(job);
        }
        Map<String, List<String>> outputs = run.outputs();
        for (String output : List.of("anomalies", "connections", "flows", "health")) {
            assertThat(outputs.get(output)).as("the reference run's %s", output).isNotEmpty();
        }
        return outputs;
    }

    /** Waits until the job completed a checkpoint and consumed at least {@code events}, but not all input. */
    private static void awaitMidRun(CorrelationRun run, String jobId, long events) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (cluster.checkpoints(jobId).path("counts").path("completed").asLong() < 1 || run.consumed() < events) {
            assertThat(System.nanoTime()).as("job %s consumed %d events within %s", jobId, events, RUN_TIMEOUT)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Waits until the job restored state and completed a checkpoint after that; returns the restored one. */
    private static JsonNode awaitCheckpointAfterRestore(String jobId) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (true) {
            JsonNode latest = cluster.checkpoints(jobId).path("latest");
            JsonNode restored = latest.path("restored");
            if (restored.hasNonNull("id") && latest.path("completed").path("id").asLong() > restored.path("id").asLong()) {
                return restored;
            }
            assertThat(System.nanoTime()).as("job %s restored and checkpointed within %s", jobId, RUN_TIMEOUT)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void assertSameAsReference(OutputComparison comparison) {
        assertThat(comparison.firstDifferences()).as("differences from the uninterrupted run").isEmpty();
        assertThat(comparison.missing()).isZero();
        assertThat(comparison.extra()).isZero();
        assertThat(comparison.compared()).isPositive();
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
