package io.etwcorr.cli.bench;

import io.etwcorr.collector.delivery.KafkaRawProducer;
import io.etwcorr.simulator.FleetEvents;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Shared pieces of the Kafka benches and the reliability tests: the job's config, topics,
 * pre-filling, offsets.
 */
public final class BenchKafka {
    public static final int RAW_PARTITIONS = 8;
    public static final int OUTPUT_PARTITIONS = 2;

    private BenchKafka() {}

    /** The job's config for a bench: parallelism 2, the given checkpoint interval, a fresh group, earliest. */
    static EtwcorrConfig jobConfig(EmbeddedKafka kafka, long checkpointIntervalMs, String... extra) {
        return ConfigLoader.load(null, jobOverrides(kafka, checkpointIntervalMs, extra));
    }

    /** {@link #jobConfig}'s overrides ({@code key=value}), e.g. for {@code --set} of a job submitted to a cluster. */
    public static List<String> jobOverrides(EmbeddedKafka kafka, long checkpointIntervalMs, String... extra) {
        List<String> overrides = new ArrayList<>(List.of(
                "kafka.bootstrapServers=" + kafka.bootstrapServers(),
                "kafka.startingOffsets=earliest",
                "kafka.groupId=etwcorr-bench-" + UUID.randomUUID(),
                "kafka.transactionalIdPrefix=etwcorr-bench-" + UUID.randomUUID(),
                "job.parallelism=2",
                "job.checkpointIntervalMs=" + checkpointIntervalMs));
        overrides.addAll(List.of(extra));
        return overrides;
    }

    public static void createTopics(EmbeddedKafka kafka, EtwcorrConfig config) {
        EtwcorrConfig.Topics topics = config.kafka.topics;
        kafka.createTopics(RAW_PARTITIONS, topics.raw);
        kafka.createTopics(OUTPUT_PARTITIONS, topics.anomalies, topics.connections, topics.flows, topics.health,
                topics.deadletter);
    }

    /** Produces the first {@code events} events of {@code spec} with the collector's producer; returns events/s. */
    public static double prefill(EmbeddedKafka kafka, String topic, FleetSpec spec, long events) {
        return prefill(kafka, topic, FleetSimulator.events(spec), events);
    }

    /** Produces the first {@code events} records of {@code source} with the collector's producer; returns records/s. */
    public static double prefill(EmbeddedKafka kafka, String topic, Iterator<RawEvent> source, long events) {
        long started = System.nanoTime();
        try (KafkaRawProducer producer = new KafkaRawProducer(kafka.bootstrapServers(), topic, Map.of())) {
            long produced = 0;
            while (produced < events && source.hasNext()) {
                producer.send(source.next());
                produced++;
            }
            producer.flush();
            if (produced < events) {
                throw new IllegalStateException("the input ran out after " + produced + " of " + events + " events");
            }
            if (producer.failed() > 0) {
                throw new IllegalStateException(producer.failed() + " sends failed", producer.lastError());
            }
        }
        return events / ((System.nanoTime() - started) / 1e9);
    }

    /** The sum of the latest offsets of {@code topic}'s partitions: the number of records in it. */
    public static long endOffsets(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long total = 0;
        for (var info : admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values()) {
            total += info.offset();
        }
        return total;
    }

    /** The sum of the committed offsets of {@code group} (0 before its first commit). */
    public static long committedOffsets(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long total = 0;
        for (OffsetAndMetadata offset : offsets.values()) {
            if (offset != null) {
                total += offset.offset();
            }
        }
        return total;
    }

    /**
     * Cancels the job and waits up to 30 s. A job that already ended has taken its MiniCluster
     * down with it, and the cancellation then fails: that is fine here.
     */
    public static void cancelQuietly(org.apache.flink.core.execution.JobClient job) {
        try {
            job.cancel().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception alreadyEnded) {
            // IllegalStateException from a shut-down MiniCluster, or the cancellation's own failure.
        }
    }

    /** Simulated events per second of a fleet of {@code hosts} benign hosts, from its first 10 simulated minutes. */
    static double simulatedRate(int hosts, long seed) {
        long seconds = 600;
        FleetEvents events = FleetSimulator.events(FleetSpec.benign(hosts, seed, seconds));
        long count = 0;
        while (events.hasNext()) {
            events.next();
            count++;
        }
        return count / (double) seconds;
    }
}
