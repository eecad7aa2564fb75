package io.etwcorr.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the alert topic as a SIEM would (read_committed: only alerts of committed checkpoints)
 * and hands each record's JSON to a consumer, on the calling thread until {@link #stop()}.
 */
final class AlertTail implements Runnable {
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Consumer<String> onAlert;

    AlertTail(String bootstrapServers, String topic, boolean fromBeginning, Map<String, String> clientProperties,
            Consumer<String> onAlert) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "etwcorr-alerts-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.putAll(clientProperties);
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        this.topic = topic;
        this.onAlert = onAlert;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    onAlert.accept(record.value());
                }
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } finally {
            consumer.close();
        }
    }

    void stop() {
        consumer.wakeup();
    }
}
