package io.etwcorr.collector.session;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * @param host the envelope's {@code host}
 * @param queueCapacity events buffered between the ETW callback and the sender; beyond it events are dropped and counted
 * @param heartbeatInterval time between heartbeat records
 */
public record ConsumerSettings(String host, int queueCapacity, Duration heartbeatInterval) {
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    public ConsumerSettings {
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host must match " + HOST + ", not " + host);
        }
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("queue capacity must be positive, not " + queueCapacity);
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, not " + heartbeatInterval);
        }
    }

    /** The defaults for {@code host}. */
    public static ConsumerSettings forHost(String host) {
        return new ConsumerSettings(host, DEFAULT_QUEUE_CAPACITY, DEFAULT_HEARTBEAT_INTERVAL);
    }
}
