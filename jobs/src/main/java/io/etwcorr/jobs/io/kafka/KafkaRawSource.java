package io.etwcorr.jobs.io.kafka;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.RawRecord;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The etw.raw source: a new consumer group starts where the config says, then follows its committed offsets. */
public final class KafkaRawSource {
    private KafkaRawSource() {}

    public static KafkaSource<RawRecord> create(EtwcorrConfig.Kafka kafka) {
        OffsetResetStrategy reset = switch (kafka.startingOffsets) {
            case "earliest" -> OffsetResetStrategy.EARLIEST;
            case "latest" -> OffsetResetStrategy.LATEST;
            default -> throw new IllegalArgumentException(
                    "kafka.startingOffsets must be earliest or latest, got " + kafka.startingOffsets);
        };
        var builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers)
                .setTopics(kafka.topics.raw)
                .setGroupId(kafka.groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(reset))
                .setDeserializer(new KafkaRawDeserializer());
        kafka.properties.forEach(builder::setProperty);
        return builder.build();
    }
}
