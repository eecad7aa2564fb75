package io.etwcorr.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.jobs.KafkaCorrelationJob;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end throughput: etw.raw (8 partitions) pre-filled with N simulated raw events, then in the
 * same broker (a) the parse-only baseline, one plain KafkaConsumer that reads every record and
 * parses its value with Jackson {@code readTree}, and (b) the full correlation job at parallelism 2
 * from the earliest offsets to the five output topics (exactly once).
 *
 * <p>The job is done when its consumer group's committed offsets reach the end of etw.raw. The
 * KafkaSource commits on each completed checkpoint (every second here), so the signal is late by
 * at most one checkpoint interval plus the checkpoint's duration, on both ends of the window. The
 * job's rate is taken between the first commit and the commit that covers all N, which leaves
 * the MiniCluster's start-up out; the rate from job submission is reported too.
 *
 * <p>Its processing rate is timed by live task counters ({@link JobProgressProbe}, read every 50 ms):
 * from the moment its parse has taken in {@value #WARM_UP_PERCENT} % of the events to the moment its
 * host sequencer (past the parse and the shuffle by host; the correlator and two sink writers are
 * chained to it) has taken in all of them. It does not wait for checkpoints, so it can time a job
 * whose checkpoints are 10 s apart; it leaves out what runs after that moment (events still in the
 * reordering buffer, downstream tasks' queues, the snapshots and commits still to come).
 */
public final class EndToEndThroughput {
    /** The bench's checkpoint interval: commits, and so the completion signal, once a second. */
    static final long CHECKPOINT_INTERVAL_MS = 1000;
    /** Share of the events the parse takes in before the processing window opens. */
    static final int WARM_UP_PERCENT = 2;
    private static final long SEED = 20261125L;

    /**
     * @param events             raw events in etw.raw
     * @param hosts              simulated hosts
     * @param prefillPerS        rate of the collector's producer while pre-filling
     * @param baselinePerS       parse-only consumer, first record to last
     * @param jobPerS            the job, first commit to the commit that covers all events
     * @param jobFromSubmitPerS  the job, submission to the commit that covers all events
     * @param checkpointBytes    size of the last retained checkpoint, bytes; -1 when none was found
     * @param activeKeys         distinct (host, process, destination) of outbound connections in etw.connections
     * @param commitAdvances     how often the committed offsets were seen to advance (one per completed checkpoint at most)
     * @param longestCommitGapS  the longest time between two advances, s: the resolution of the completion signal
     * @param cpuMicrosPerEvent  CPU time of this JVM (job, broker, clients) in the same window as {@code jobPerS},
     *                           per event: unlike the rate, it does not fall when other processes take the cores
     * @param checkpointIntervalMs the job's checkpoint interval in this run
     * @param processingPerS     the job's processing rate, from the probe (see the class comment)
     * @param processingCpuMicrosPerEvent CPU time of this JVM per event in the probe's window
     */
    public record Result(long events, int hosts, double prefillPerS, double baselinePerS, double jobPerS,
            double jobFromSubmitPerS, long checkpointBytes, long activeKeys, int commitAdvances,
            double longestCommitGapS, double cpuMicrosPerEvent, long checkpointIntervalMs, double processingPerS,
            double processingCpuMicrosPerEvent) {
        public double ratio() {
            return jobPerS / baselinePerS;
        }
    }

    private EndToEndThroughput() {}

    /** Throughput: the hashmap state backend, with or without the baseline first. */
    public static Result run(long events, int hosts, long checkpointIntervalMs, boolean withBaseline, Duration timeout,
            Path workDir, Consumer<String> progress) throws Exception {
        return run(events, hosts, "hashmap", false, withBaseline, checkpointIntervalMs, timeout, workDir, progress);
    }

    /** Every second a checkpoint, as the state and backend stages run. */
    public static Result run(long events, int hosts, String stateBackend, boolean incremental, boolean withBaseline,
            Duration timeout, Path workDir, Consumer<String> progress) throws Exception {
        return run(events, hosts, stateBackend, incremental, withBaseline, CHECKPOINT_INTERVAL_MS, timeout, workDir,
                progress);
    }

    /**
     * @param stateBackend {@code hashmap} or {@code rocksdb}
     * @param incremental  incremental checkpoints (rocksdb only); the checkpoint size is then not
     *                     measured (-1), as a checkpoint's files are no longer all in its directory
     * @param withBaseline whether to measure the parse-only baseline first (NaN in the result without)
     */
    public static Result run(long events, int hosts, String stateBackend, boolean incremental, boolean withBaseline,
            long checkpointIntervalMs, Duration timeout, Path workDir, Consumer<String> progress) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            EtwcorrConfig config = BenchKafka.jobConfig(kafka, checkpointIntervalMs);
            BenchKafka.createTopics(kafka, config);
            String raw = config.kafka.topics.raw;

            FleetSpec fleet = FleetSpec.benign(hosts, SEED, Duration.ofDays(30).toSeconds());
            double prefillPerS = BenchKafka.prefill(kafka, raw, fleet, events);
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                long total = BenchKafka.endOffsets(admin, raw, BenchKafka.RAW_PARTITIONS);
                progress.accept(String.format("e2e: pre-filled %s with %,d events from %d hosts (%,.0f events/s)",
                        raw, total, hosts, prefillPerS));

                double baselinePerS = Double.NaN;
                if (withBaseline) {
                    baselinePerS = baseline(kafka, raw, total);
                    progress.accept(String.format("e2e: baseline KafkaConsumer + Jackson readTree: %,.0f events/s",
                            baselinePerS));
                }

                Path checkpoints = Files.createTempDirectory(workDir, "checkpoints");
                config = ConfigLoader.derive(config, List.of("job.checkpointDirectory=" + checkpoints.toUri()));
                Configuration flink = KafkaCorrelationJob.flinkConfiguration(config, true);
                flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
                flink.set(StateBackendOptions.STATE_BACKEND, stateBackend);
                flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incremental);
                JobProgressProbe.install(flink);
                StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                        config.job.parallelism, flink);
                long submitted = System.nanoTime();
                JobClient job = KafkaCorrelationJob.start(env, config);
                boolean cancelled = false;
                try {
                    Window window = awaitCommitted(admin, job, config.kafka.groupId, total, submitted, timeout, progress);
                    if (!window.finished) {
                        // a rate from a job that did not get through its input is no measurement
                        throw new StageIncompleteException(String.format("the job committed %,d of %,d events (%s)",
                                window.committed, total, window.why));
                    }
                    // One more checkpoint after the last record, so the retained one holds all the state.
                    Thread.sleep(2 * checkpointIntervalMs);
                    job.cancel().get();
                    cancelled = true;
                    long checkpointBytes = incremental ? -1 : lastCheckpointBytes(checkpoints).orElse(-1L);
                    long activeKeys = activeKeys(kafka, config.kafka.topics.connections);
                    progress.accept(String.format("e2e (%s%s, checkpoint every %,d ms): job %,.0f events/s by commits"
                                    + " (%,.0f from submission; %.1f µs CPU per event), ratio %.3f; processing %,.0f"
                                    + " events/s (%.1f µs CPU per event); checkpoint %,d bytes, %,d active (process,"
                                    + " destination) keys", stateBackend, incremental ? ", incremental checkpoints" : "",
                            checkpointIntervalMs, window.byCommitsPerS, window.fromSubmitPerS, window.cpuMicrosPerEvent,
                            window.byCommitsPerS / baselinePerS, window.processingPerS,
                            window.processingCpuMicrosPerEvent, checkpointBytes, activeKeys));
                    return new Result(total, hosts, prefillPerS, baselinePerS, window.byCommitsPerS,
                            window.fromSubmitPerS, checkpointBytes, activeKeys, window.advances,
                            window.longestGapS, window.cpuMicrosPerEvent, checkpointIntervalMs, window.processingPerS,
                            window.processingCpuMicrosPerEvent);
                } finally {
                    if (!cancelled) {
                        BenchKafka.cancelQuietly(job);
                    }
                }
            }
        }
    }

    /** One consumer, all partitions from the beginning, readTree of every value; events/s from first record to last. */
    static double baseline(EmbeddedKafka kafka, String topic, long total) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Properties properties = kafka.clientProperties();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < BenchKafka.RAW_PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        long read = 0;
        long fields = 0;
        long first = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (read < total && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (first == 0 && !records.isEmpty()) {
                    first = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    JsonNode node = mapper.readTree(record.value());
                    fields += node.size();
                    read++;
                }
            }
        }
        if (read < total || fields == 0) {
            throw new IllegalStateException("the baseline read " + read + " of " + total + " records");
        }
        return read / ((System.nanoTime() - first) / 1e9);
    }

    /**
     * The beacon scorer's keys, approximated from the job's output: distinct host | process entity |
     * destination (the domain, else ip:port) of the outbound connections in etw.connections, read
     * with read_committed up to the end. All of them are active: the run covers less simulated time
     * than beacon.idleTtlSeconds.
     */
    static long activeKeys(EmbeddedKafka kafka, String topic) {
        ObjectMapper mapper = new ObjectMapper();
        Properties properties = kafka.clientProperties();
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < BenchKafka.OUTPUT_PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            java.util.Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode connection;
                    try {
                        connection = mapper.readTree(record.value());
                    } catch (IOException e) {
                        throw new IllegalStateException("unreadable etw.connections record", e);
                    }
                    if (!"outbound".equals(connection.path("network").path("direction").asText())) {
                        continue;
                    }
                    JsonNode destination = connection.path("destination");
                    String to = destination.hasNonNull("domain") ? destination.get("domain").asText()
                            : destination.path("ip").asText() + ':' + destination.path("port").asText();
                    keys.add(connection.path("host").path("name").asText() + '|'
                            + connection.path("process").path("entity_id").asText() + '|' + to);
                }
            }
        }
        return keys.size();
    }

    private record Window(double byCommitsPerS, double fromSubmitPerS, boolean finished, int advances,
            double longestGapS, long committed, String why, double cpuMicrosPerEvent, double processingPerS,
            double processingCpuMicrosPerEvent) {
    }

    /** CPU time of this JVM so far, ns (all threads: the job's, the in-process broker's, the clients'). */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** The stage's job did not get through its input: it failed, or the timeout passed. */
    public static final class StageIncompleteException extends Exception {
        private static final long serialVersionUID = 1L;

        StageIncompleteException(String message) {
            super(message);
        }
    }

    /**
     * Polls the group's committed offsets and the probe's counts every 50 ms until the offsets cover
     * {@code total} or the timeout passes (see the class comment for the two windows).
     */
    private static Window awaitCommitted(Admin admin, JobClient job, String group, long total, long submitted,
            Duration timeout, Consumer<String> progress) throws Exception {
        long deadline = submitted + timeout.toNanos();
        long warmedUp = Math.max(1, total * WARM_UP_PERCENT / 100);
        long probeOpenedAt = 0;
        long parsedAtOpen = 0;
        long cpuAtProbeOpen = 0;
        double processing = Double.NaN;
        double processingCpu = Double.NaN;
        long firstAt = 0;
        long firstCommitted = 0;
        long firstCpu = 0;
        long committed = 0;
        long lastReport = System.nanoTime();
        int advances = 0;
        long lastAdvanceAt = 0;
        long longestGap = 0;
        while (System.nanoTime() < deadline) {
            long parsed = JobProgressProbe.parsed();
            long now = System.nanoTime();
            if (probeOpenedAt == 0 && parsed >= warmedUp) {
                probeOpenedAt = now;
                parsedAtOpen = parsed;
                cpuAtProbeOpen = processCpuNanos();
            }
            if (Double.isNaN(processing) && probeOpenedAt != 0 && probeOpenedAt != now
                    && JobProgressProbe.sequenced() >= total) {
                processing = (total - parsedAtOpen) / ((now - probeOpenedAt) / 1e9);
                processingCpu = cpuAtProbeOpen < 0 ? Double.NaN
                        : (processCpuNanos() - cpuAtProbeOpen) / 1e3 / (total - parsedAtOpen);
            }
            long previous = committed;
            committed = BenchKafka.committedOffsets(admin, group);
            if (committed > previous) {
                advances++;
                if (lastAdvanceAt != 0) {
                    longestGap = Math.max(longestGap, now - lastAdvanceAt);
                }
                lastAdvanceAt = now;
            }
            if (committed > 0 && firstAt == 0) {
                firstAt = now;
                firstCommitted = committed;
                firstCpu = processCpuNanos();
            }
            if (committed >= total) {
                double fromSubmit = total / ((now - submitted) / 1e9);
                // All in the first commit: no window between two commits, so only the rate from submission is known.
                double steady = committed == firstCommitted ? fromSubmit
                        : (total - firstCommitted) / ((now - firstAt) / 1e9);
                double cpuPerEvent = committed == firstCommitted || firstCpu < 0 ? Double.NaN
                        : (processCpuNanos() - firstCpu) / 1e3 / (total - firstCommitted);
                return new Window(steady, fromSubmit, true, advances, longestGap / 1e9, committed, "", cpuPerEvent,
                        processing, processingCpu);
            }
            JobStatus status = job.getJobStatus().get();
            if (status.isGloballyTerminalState()) {
                return new Window(0, 0, false, advances, longestGap / 1e9, committed, "the job ended " + status,
                        Double.NaN, Double.NaN, Double.NaN);
            }
            if (now - lastReport > Duration.ofSeconds(10).toNanos()) {
                progress.accept(String.format("e2e: job has parsed %,d, sequenced %,d and committed %,d of %,d", parsed,
                        JobProgressProbe.sequenced(), committed, total));
                lastReport = now;
            }
            Thread.sleep(50);
        }
        long now = System.nanoTime();
        double steady = firstAt == 0 || now == firstAt ? 0 : (committed - firstCommitted) / ((now - firstAt) / 1e9);
        return new Window(steady, committed / ((now - submitted) / 1e9), false, advances, longestGap / 1e9, committed,
                "timed out after " + timeout.toSeconds() + " s", Double.NaN, Double.NaN, Double.NaN);
    }

    /** Bytes of the newest {@code chk-N} directory (with its {@code _metadata}) under {@code root}. */
    static Optional<Long> lastCheckpointBytes(Path root) throws IOException {
        // Flink deletes subsumed and aborted checkpoints while they may be read: then read again.
        for (int attempt = 1; ; attempt++) {
            try {
                return newestCheckpointBytes(root);
            } catch (NoSuchFileException | UncheckedIOException removedMeanwhile) {
                if (attempt == 3) {
                    throw removedMeanwhile;
                }
            }
        }
    }

    private static Optional<Long> newestCheckpointBytes(Path root) throws IOException {
        List<Path> completed;
        try (Stream<Path> paths = Files.walk(root)) {
            completed = paths.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .toList();
        }
        Optional<Path> newest = completed.stream().max(Comparator.comparingLong(
                p -> Long.parseLong(p.getFileName().toString().substring("chk-".length()))));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        long bytes = 0;
        try (Stream<Path> files = Files.walk(newest.get())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
            }
        }
        // Full checkpoints (hashmap, or rocksdb with incremental off): all of a checkpoint's files are in chk-N.
        return Optional.of(bytes);
    }
}
