package io.etwcorr.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.cli.AlertRenderer;
import io.etwcorr.collector.delivery.KafkaRawProducer;
import io.etwcorr.simulator.BeaconMode;
import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.Delivery;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.ImplantSpec;
import io.etwcorr.simulator.InjectionTarget;
import io.etwcorr.simulator.JitterKind;
import io.etwcorr.jobs.KafkaCorrelationJob;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import io.etwcorr.schemas.out.EcsTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.SynchronizedHistogram;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Event-to-alert latency at a fixed input rate: the job runs (parallelism 2, checkpoint every
 * second) on an empty etw.raw; a feeder thread plays a fleet with many beaconing implants into it
 * at a fixed number of events per wall second, remembering when it sent each event of the implant
 * hosts; a reader with {@code read_committed} takes each alert, finds the event it is timed at (its
 * host and {@code @timestamp}, the candidate's last callback) and records now minus that send time.
 */
public final class AlertLatency {
    static final long CHECKPOINT_INTERVAL_MS = 1000;
    static final double SLEEP_S = 20;
    private static final long SEED = 99L;
    private static final long SIMULATED_SPAN_S = 600;
    private static final int MAX_IMPLANTS = 40;

    /**
     * @param hosts        simulated hosts
     * @param implants     hosts with an implant
     * @param achievedPerS events sent per second of feeding
     * @param samples      alerts matched to a sent event
     * @param unmatched    alerts whose event was not found (hosts without an implant)
     * @param lowerBound   no alert arrived: the percentiles are the time waited after the last send,
     *                     a lower bound of the latency
     */
    public record Result(int hosts, int implants, double achievedPerS, int samples, int unmatched, double p50Ms,
            double p99Ms, double maxMs, boolean lowerBound) {
    }

    private AlertLatency() {}

    /**
     * Feeds at {@code eventsPerS} for {@code feed}. The fleet is sized so that the feed covers
     * {@link #SIMULATED_SPAN_S} of simulated time (where the implants alert) at the lower of
     * {@code eventsPerS} and half of {@code feederPerS}, the rate one producer thread was seen to
     * reach alone (here it shares the cores with the running job). The feed goes on to the fleet's
     * end (at most three times {@code feed}); then the alerts are awaited until every implant
     * alerted or {@code drain} has passed, so a job that falls behind shows its backlog as latency.
     */
    public static Result run(double eventsPerS, double feederPerS, Duration feed, Duration drain, Path workDir,
            Consumer<String> progress) throws Exception {
        double perHost = BenchKafka.simulatedRate(50, SEED) / 50;
        double expectedPerS = Double.isFinite(feederPerS) ? Math.min(eventsPerS, feederPerS / 2) : eventsPerS;
        double simulatedPerS = expectedPerS * feed.toSeconds() / SIMULATED_SPAN_S;
        int hosts = (int) Math.max(10, Math.min(99_999, Math.round(simulatedPerS / perHost)));
        int implants = Math.min(MAX_IMPLANTS, hosts / 2);
        List<ImplantSpec> specs = new ArrayList<>();
        for (int i = 0; i < implants; i++) {
            // Staggered starts spread the first alerts over the run; own domains keep prevalence out of it.
            long startAfter = 30 + i * 120L / implants;
            specs.add(new ImplantSpec(i, startAfter, SLEEP_S, 0.2, JitterKind.ASYMMETRIC, 0.0,
                    BeaconMode.NEW_CONNECTION, Delivery.INJECTED, InjectionTarget.SPAWNED_RUNDLL32,
                    "c2-" + i + ".bench.example", 443, 0));
        }
        FleetSpec fleet = new FleetSpec(SEED, hosts, FleetSpec.DEFAULT_START_MICROS, SIMULATED_SPAN_S, 1.0, specs,
                BenignMix.defaults());

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            EtwcorrConfig config = BenchKafka.jobConfig(kafka, CHECKPOINT_INTERVAL_MS);
            BenchKafka.createTopics(kafka, config);
            Path checkpoints = Files.createDirectories(workDir.resolve("latency-checkpoints"));
            config = ConfigLoader.derive(config, List.of("job.checkpointDirectory=" + checkpoints.toUri()));
            Configuration flink = KafkaCorrelationJob.flinkConfiguration(config, true);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                    config.job.parallelism, flink);
            JobClient job = KafkaCorrelationJob.start(env, config);
            try {
                awaitRunning(job);
                Thread.sleep(3000); // the source's split assignment and the first checkpoint
                progress.accept(String.format("latency: job running; feeding %d hosts (%d implants) at %,.0f events/s"
                        + " for %d s", hosts, implants, eventsPerS, feed.toSeconds()));

                Map<String, ConcurrentSkipListMap<Long, Long>> sentAt = new ConcurrentHashMap<>();
                for (int i = 0; i < implants; i++) {
                    sentAt.put(String.format("WS-%04d", i + 1), new ConcurrentSkipListMap<>());
                }
                // Up to an hour, 3 significant digits; the reader thread records, this one reads at the end.
                SynchronizedHistogram latencies = new SynchronizedHistogram(TimeUnit.HOURS.toMillis(1), 3);
                AlertReader reader = new AlertReader(kafka, config.kafka.topics.anomalies, sentAt, latencies);
                Thread readerThread = new Thread(reader, "bench-alert-reader");
                readerThread.setDaemon(true);
                readerThread.start();

                long sent;
                double seconds;
                try (KafkaRawProducer producer = new KafkaRawProducer(kafka.bootstrapServers(),
                        config.kafka.topics.raw, Map.of())) {
                    long started = System.nanoTime();
                    long end = started + 3 * feed.toNanos();
                    sent = PacedFeed.send(FleetSimulator.events(fleet), producer, eventsPerS, started, end, event -> {
                        ConcurrentSkipListMap<Long, Long> host = sentAt.get(event.host());
                        if (host != null) {
                            host.put(event.ts(), System.nanoTime());
                        }
                    });
                    producer.flush();
                    seconds = (System.nanoTime() - started) / 1e9;
                }
                double achieved = sent / seconds;
                progress.accept(String.format("latency: sent %,d events (%,.0f events/s); waiting for the last alerts",
                        sent, achieved));
                long waitStart = System.nanoTime();
                long waitMin = waitStart + TimeUnit.MILLISECONDS.toNanos(3 * CHECKPOINT_INTERVAL_MS + 2000);
                long waitMax = waitStart + drain.toNanos();
                while (System.nanoTime() < waitMin
                        || (latencies.getTotalCount() < implants && System.nanoTime() < waitMax)) {
                    Thread.sleep(100);
                }
                double waitedMs = (System.nanoTime() - waitStart) / 1e6;
                reader.stop();
                readerThread.join(10_000);
                int samples = (int) latencies.getTotalCount();
                boolean none = samples == 0;
                Result result = new Result(hosts, implants, achieved, samples, (int) reader.unmatched.get(),
                        none ? waitedMs : latencies.getValueAtPercentile(50),
                        none ? waitedMs : latencies.getValueAtPercentile(99),
                        none ? waitedMs : latencies.getMaxValue(), none);
                progress.accept(String.format("latency: %d alerts, p50 %.0f ms, p99 %.0f ms, max %.0f ms"
                        + " (%d unmatched)%s", result.samples(), result.p50Ms(), result.p99Ms(), result.maxMs(),
                        result.unmatched(), none ? "; no alert arrived: the figures are the wait, a lower bound" : ""));
                return result;
            } finally {
                BenchKafka.cancelQuietly(job);
            }
        }
    }

    static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job is not running after 60 s: " + job.getJobStatus().get());
            }
            Thread.sleep(100);
        }
    }

    /** Reads etw.anomalies with read_committed and records each alert's latency. */
    private static final class AlertReader implements Runnable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Map<String, ConcurrentSkipListMap<Long, Long>> sentAt;
        private final SynchronizedHistogram latencies;
        private final ObjectMapper mapper = new ObjectMapper();
        private final AtomicLong unmatched = new AtomicLong();
        private volatile boolean stopped;

        AlertReader(EmbeddedKafka kafka, String topic, Map<String, ConcurrentSkipListMap<Long, Long>> sentAt,
                SynchronizedHistogram latencies) {
            Properties properties = kafka.clientProperties();
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < BenchKafka.OUTPUT_PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            this.sentAt = sentAt;
            this.latencies = latencies;
        }

        @Override
        public void run() {
            try {
                while (!stopped) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        JsonNode alert = mapper.readTree(record.value());
                        if (AlertRenderer.isUpdate(alert)) {
                            continue; // an episode's later record, not an alert
                        }
                        Long sent = sentAtOf(alert, sentAt);
                        if (sent == null) {
                            unmatched.incrementAndGet();
                        } else {
                            latencies.recordValue(Math.min(latencies.getHighestTrackableValue(),
                                    TimeUnit.NANOSECONDS.toMillis(now - sent)));
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("the alert reader failed", e);
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        void stop() {
            stopped = true;
        }
    }

    /**
     * When the event an alert is timed at was sent ({@link System#nanoTime}): the alert host's last event
     * sent at or before the alert's {@code @timestamp}; null when that host sent none.
     *
     * @param sentAt per host, event time (µs) to send time
     */
    static Long sentAtOf(JsonNode alert, Map<String, ConcurrentSkipListMap<Long, Long>> sentAt) {
        // Anomaly records are keyed by event.id (one document per episode), so the host is read from the record.
        ConcurrentSkipListMap<Long, Long> sent = sentAt.get(alert.at("/host/name").asText());
        Map.Entry<Long, Long> event = sent == null ? null
                : sent.floorEntry(EcsTime.parse(alert.path("@timestamp").asText()));
        return event == null ? null : event.getValue();
    }
}
