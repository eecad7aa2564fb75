package io.etwcorr.collector.delivery;

import io.etwcorr.collector.etw.RawRecordJson;
import io.etwcorr.schemas.raw.RawEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends raw events to etw.raw as the contract says: key = host (so one host's events stay in one
 * partition, in order), value = the codec's JSON. Idempotent, acks=all, compressed and batched.
 * A send that fails after the producer's own retries is counted and its error kept.
 */
public final class KafkaRawProducer implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> lastError = new AtomicReference<>();

    public KafkaRawProducer(String bootstrapServers, String topic, Map<String, String> clientProperties) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        properties.putAll(clientProperties);
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** Queues one event; never blocks longer than the producer's buffer takes to drain. */
    public void send(RawEvent event) {
        producer.send(new ProducerRecord<>(topic, event.host(), RawRecordJson.encode(event)), (metadata, error) -> {
            if (error == null) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                lastError.set(error);
            }
        });
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    /** The last send error, or null. */
    public Exception lastError() {
        return lastError.get();
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
