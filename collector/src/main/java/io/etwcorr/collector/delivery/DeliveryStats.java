package io.etwcorr.collector.delivery;

/**
 * Delivery counters since the collector started, reported in every heartbeat
 * (docs/contract/raw-events.md, "Collector records").
 *
 * @param sent records acknowledged by Kafka
 * @param spooled records written to the disk spool while Kafka was unreachable
 * @param dropped records lost: the spool was full (oldest first) or a record could not be sent at all
 */
public record DeliveryStats(long sent, long spooled, long dropped) {
}
