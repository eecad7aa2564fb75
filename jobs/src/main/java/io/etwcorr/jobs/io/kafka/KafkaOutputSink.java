package io.etwcorr.jobs.io.kafka;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.output.OutputRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Exactly-once Kafka sinks for the output topics: key = {@link OutputRecord#key} (host, or an alert's event.id), value = its JSON. */
public final class KafkaOutputSink {
    private KafkaOutputSink() {}

    public static KafkaSink<OutputRecord> forTopic(EtwcorrConfig.Kafka kafka, String topic) {
        var builder = KafkaSink.<OutputRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers)
                .setRecordSerializer(new Serializer(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                // One prefix per topic: transactional ids must not collide between the sinks.
                .setTransactionalIdPrefix(kafka.transactionalIdPrefix + "-" + topic)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(kafka.transactionTimeoutMs))
                .setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        kafka.properties.forEach(builder::setProperty);
        return builder.build();
    }

    private record Serializer(String topic) implements KafkaRecordSerializationSchema<OutputRecord> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(OutputRecord record, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, record.key.getBytes(StandardCharsets.UTF_8),
                    record.json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
