package io.etwcorr.cli.bench;

import io.etwcorr.collector.delivery.KafkaRawProducer;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.jobs.KafkaCorrelationJob;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;

/**
 * A long run at a fixed input rate: does the job keep up, and does its state level off once the
 * simulated time passes the state's time-to-live? Every sample reads the consumer lag (raw
 * events not yet covered by a completed checkpoint: it grows without bound when the job cannot
 * keep up, which is what backpressure becomes) and the size of the newest checkpoint.
 */
final class Soak {
    static final long CHECKPOINT_INTERVAL_MS = 2000;
    private static final long SEED = 11;
    /**
     * Simulated seconds per wall second: ten minutes then cover about 33 hours, beyond the longest
     * time-to-live of the job's state (24 h: exited processes in the lineage table, fleet prevalence).
     */
    static final double SPEED_UP = 200;

    /** One look at the running job. */
    record Sample(double elapsedS, long sent, long lag, long checkpointBytes, double simulatedHours) {
    }

    /** @param samples in time order, one per sampling interval */
    record Result(double targetPerS, double achievedPerS, int hosts, List<Sample> samples) {
        /** The largest lag of the run's second half: the start-up's backlog is behind it, a growing one is not. */
        long secondHalfMaxLag() {
            return samples.subList(samples.size() / 2, samples.size()).stream().mapToLong(Sample::lag).max().orElse(-1);
        }

        long finalLag() {
            return samples.isEmpty() ? -1 : samples.get(samples.size() - 1).lag();
        }

        /** The largest checkpoint of the run's last quarter over that of its third: about 1 when state levels off. */
        double checkpointGrowth() {
            int quarter = samples.size() / 4;
            return maxCheckpoint(samples.subList(3 * quarter, samples.size()))
                    / (double) maxCheckpoint(samples.subList(2 * quarter, 3 * quarter));
        }

        private static long maxCheckpoint(List<Sample> part) {
            return part.stream().mapToLong(Sample::checkpointBytes).max().orElse(-1);
        }
    }

    private Soak() {}

    static Result run(double eventsPerS, Duration duration, Duration sampleEvery, Path workDir,
            Consumer<String> progress) throws Exception {
        double perHost = BenchKafka.simulatedRate(100, SEED) / 100;
        int hosts = Math.max(10, (int) Math.round(eventsPerS / SPEED_UP / perHost));
        long spanS = (long) (duration.toSeconds() * SPEED_UP * 2);
        FleetSpec fleet = FleetSpec.benign(hosts, SEED, spanS);

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            EtwcorrConfig config = BenchKafka.jobConfig(kafka, CHECKPOINT_INTERVAL_MS);
            BenchKafka.createTopics(kafka, config);
            Path checkpoints = Files.createTempDirectory(workDir, "soak-checkpoints");
            config = ConfigLoader.derive(config, List.of("job.checkpointDirectory=" + checkpoints.toUri()));
            Configuration flink = KafkaCorrelationJob.flinkConfiguration(config, true);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                    config.job.parallelism, flink);
            JobClient job = KafkaCorrelationJob.start(env, config);
            try (Admin admin = Admin.create(kafka.clientProperties());
                    KafkaRawProducer producer = new KafkaRawProducer(kafka.bootstrapServers(), config.kafka.topics.raw,
                            Map.of())) {
                AlertLatency.awaitRunning(job);
                progress.accept(String.format("soak: %d hosts at %,.0f events/s for %d s (about %.0fx simulated time)",
                        hosts, eventsPerS, duration.toSeconds(), SPEED_UP));
                AtomicLong sent = new AtomicLong();
                AtomicLong lastTs = new AtomicLong(fleet.startMicros());
                long started = System.nanoTime();
                long end = started + duration.toNanos();
                Thread feeder = new Thread(() -> {
                    try {
                        PacedFeed.send(FleetSimulator.events(fleet), producer, eventsPerS, started, end, event -> {
                            sent.incrementAndGet();
                            lastTs.accumulateAndGet(event.ts(), Math::max);
                        });
                        producer.flush();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "bench-soak-feeder");
                feeder.start();

                List<Sample> samples = new ArrayList<>();
                while (feeder.isAlive()) {
                    feeder.join(sampleEvery.toMillis());
                    long lag = BenchKafka.endOffsets(admin, config.kafka.topics.raw, BenchKafka.RAW_PARTITIONS)
                            - BenchKafka.committedOffsets(admin, config.kafka.groupId);
                    Sample sample = new Sample((System.nanoTime() - started) / 1e9, sent.get(), lag,
                            newestCheckpointBytes(checkpoints), (lastTs.get() - fleet.startMicros()) / 3.6e9);
                    samples.add(sample);
                    progress.accept(String.format("soak: %4.0f s, sent %,d, lag %,d, checkpoint %,d bytes, "
                            + "simulated %.1f h", sample.elapsedS(), sample.sent(), sample.lag(),
                            sample.checkpointBytes(), sample.simulatedHours()));
                }
                double achieved = sent.get() / ((System.nanoTime() - started) / 1e9);
                return new Result(eventsPerS, achieved, hosts, samples);
            } finally {
                BenchKafka.cancelQuietly(job);
            }
        }
    }

    /** The newest checkpoint's size; -1 when none is complete yet or Flink removed it while it was read. */
    private static long newestCheckpointBytes(Path checkpoints) {
        try {
            return EndToEndThroughput.lastCheckpointBytes(checkpoints).orElse(-1L);
        } catch (IOException | UncheckedIOException subsumedMeanwhile) {
            return -1;
        }
    }
}
