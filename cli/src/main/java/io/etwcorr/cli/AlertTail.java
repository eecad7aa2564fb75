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
 * and hands each record's JSON to a consumer, on the calling thread until {@link #stop()}, or until
 * nothing new arrived for {@code untilIdle} (when given).
 */
final class AlertTail implements Runnable {
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Consumer<String> onAlert;
    private final Duration untilIdle;

    AlertTail(String bootstrapServers, String topic, boolean fromBeginning, Map<String, String> clientProperties,
            Consumer<String> onAlert) {
        this(bootstrapServers, topic, fromBeginning, clientProperties, null, onAlert);
    }

    AlertTail(String bootstrapServers, String topic, boolean fromBeginning, Map<String, String> clientProperties,
            Duration untilIdle, Consumer<String> onAlert) {
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
        this.untilIdle = untilIdle;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            long lastArrival = System.nanoTime();
            while (untilIdle == null || System.nanoTime() - lastArrival < untilIdle.toNanos()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    onAlert.accept(record.value());
                    lastArrival = System.nanoTime();
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
