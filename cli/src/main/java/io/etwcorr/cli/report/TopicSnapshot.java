package io.etwcorr.cli.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the output topics of a Kafka from the beginning to their current end (read_committed: what
 * committed checkpoints wrote) into a {@link RunModel}, for {@code alerts --html}. No consumer group
 * is joined or committed.
 */
public final class TopicSnapshot {
    private static final Duration POLL = Duration.ofMillis(500);

    private TopicSnapshot() {
    }

    /** Reads each stream's topic to its end; returns the topics that do not exist (their stream stays empty). */
    public static List<String> read(String bootstrapServers, Map<String, String> clientProperties,
            Map<RunModel.Stream, String> topics, RunModel run) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> missing = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            Map<TopicPartition, RunModel.Stream> streams = new HashMap<>();
            for (Map.Entry<RunModel.Stream, String> topic : topics.entrySet()) {
                List<PartitionInfo> partitions = consumer.partitionsFor(topic.getValue());
                if (partitions == null || partitions.isEmpty()) {
                    missing.add(topic.getValue());
                    continue;
                }
                for (PartitionInfo partition : partitions) {
                    streams.put(new TopicPartition(partition.topic(), partition.partition()), topic.getKey());
                }
            }
            consumer.assign(streams.keySet());
            consumer.seekToBeginning(streams.keySet());
            Map<TopicPartition, Long> end = consumer.endOffsets(streams.keySet());
            while (!caughtUp(consumer, end)) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    run.accept(streams.get(new TopicPartition(record.topic(), record.partition())), record.value());
                }
            }
        }
        return missing;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
