package io.etwcorr.collector.delivery;

import io.etwcorr.schemas.raw.RawEvent;

/**
 * Where the collector's records go (Kafka with a disk spool in production, a list in tests).
 * {@link #accept} must not block the caller for long: ETW's trace thread is upstream.
 */
public interface EventSink extends AutoCloseable {

    void accept(RawEvent event);

    /**
     * A recorded line that is not a valid raw event. Sinks that can forward it as it is (to Kafka,
     * where the job dead-letters it with its reason, as {@code analyze} does) return true; the
     * others return false and the caller counts it.
     */
    default boolean acceptMalformed(String line) {
        return false;
    }

    /** Counters since start, for the collector's heartbeat. */
    DeliveryStats stats();

    /** Sends or spools what is buffered; called on shutdown. */
    @Override
    void close();
}
