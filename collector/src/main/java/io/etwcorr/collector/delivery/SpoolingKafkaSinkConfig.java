package io.etwcorr.collector.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of a {@link SpoolingKafkaSink}.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param topic the raw topic, {@code etw.raw} by default
 * @param spoolDirectory where the disk spool lives; keep it across collector restarts
 * @param spoolMaxBytes the most disk the spool may use; beyond it the oldest records are dropped
 * @param queueCapacity events buffered in memory between the ETW thread and the sender thread
 * @param stallTimeout Kafka counts as unreachable when it gave no metadata, refused every send, or left a
 *     direct send unacknowledged for this long
 * @param retryBackoff pause between attempts to drain the spool after a failed one
 * @param closeTimeout how long {@link SpoolingKafkaSink#close()} tries to deliver before leaving the rest spooled
 * @param clientProperties producer properties that override the sink's defaults
 * @param backpressure when the queue is full, {@link SpoolingKafkaSink#accept} waits instead of dropping
 *     (a replayed file can wait; ETW cannot)
 * @param discardForeignSpool a spool written for another cluster or topic is deleted instead of set aside
 */
public record SpoolingKafkaSinkConfig(
        String bootstrapServers,
        String topic,
        Path spoolDirectory,
        long spoolMaxBytes,
        int queueCapacity,
        Duration stallTimeout,
        Duration retryBackoff,
        Duration closeTimeout,
        Map<String, String> clientProperties,
        boolean backpressure,
        boolean discardForeignSpool) {

    public static final String DEFAULT_TOPIC = "etw.raw";

    public SpoolingKafkaSinkConfig {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Production defaults: a 1 GiB spool, 50 000 queued events, 5 s stall detection, drops when full. */
    public static SpoolingKafkaSinkConfig defaults(String bootstrapServers, Path spoolDirectory) {
        return new SpoolingKafkaSinkConfig(bootstrapServers, DEFAULT_TOPIC, spoolDirectory, 1L << 30, 50_000,
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(10), Map.of(), false, false);
    }

    public SpoolingKafkaSinkConfig withTopic(String newTopic) {
        return new SpoolingKafkaSinkConfig(bootstrapServers, newTopic, spoolDirectory, spoolMaxBytes, queueCapacity,
                stallTimeout, retryBackoff, closeTimeout, clientProperties, backpressure, discardForeignSpool);
    }

    public SpoolingKafkaSinkConfig withTimeouts(Duration newStallTimeout, Duration newRetryBackoff, Duration newCloseTimeout) {
        return new SpoolingKafkaSinkConfig(bootstrapServers, topic, spoolDirectory, spoolMaxBytes, queueCapacity,
                newStallTimeout, newRetryBackoff, newCloseTimeout, clientProperties, backpressure, discardForeignSpool);
    }

    public SpoolingKafkaSinkConfig withClientProperties(Map<String, String> newClientProperties) {
        return new SpoolingKafkaSinkConfig(bootstrapServers, topic, spoolDirectory, spoolMaxBytes, queueCapacity,
                stallTimeout, retryBackoff, closeTimeout, newClientProperties, backpressure, discardForeignSpool);
    }

    public SpoolingKafkaSinkConfig withSpoolDirectory(Path newSpoolDirectory) {
        return new SpoolingKafkaSinkConfig(bootstrapServers, topic, newSpoolDirectory, spoolMaxBytes, queueCapacity,
                stallTimeout, retryBackoff, closeTimeout, clientProperties, backpressure, discardForeignSpool);
    }

    public SpoolingKafkaSinkConfig withBackpressure(boolean newBackpressure) {
        return new SpoolingKafkaSinkConfig(bootstrapServers, topic, spoolDirectory, spoolMaxBytes, queueCapacity,
                stallTimeout, retryBackoff, closeTimeout, clientProperties, newBackpressure, discardForeignSpool);
    }

    public SpoolingKafkaSinkConfig withDiscardForeignSpool(boolean discard) {
        return new SpoolingKafkaSinkConfig(bootstrapServers, topic, spoolDirectory, spoolMaxBytes, queueCapacity,
                stallTimeout, retryBackoff, closeTimeout, clientProperties, backpressure, discard);
    }
}
