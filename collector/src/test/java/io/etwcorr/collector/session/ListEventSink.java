package io.etwcorr.collector.session;

import io.etwcorr.collector.delivery.DeliveryStats;
import io.etwcorr.collector.delivery.EventSink;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A sink into a list; a blocked one holds its caller in {@link #accept} until {@link #unblock()}. */
final class ListEventSink implements EventSink {
    final CountDownLatch entered = new CountDownLatch(1);
    private final List<RawEvent> records = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate;
    private volatile boolean closed;

    private ListEventSink(boolean blocked) {
        this.gate = new CountDownLatch(blocked ? 1 : 0);
    }

    static ListEventSink open() {
        return new ListEventSink(false);
    }

    static ListEventSink blocked() {
        return new ListEventSink(true);
    }

    void unblock() {
        gate.countDown();
    }

    @Override
    public void accept(RawEvent event) {
        entered.countDown();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        records.add(event);
    }

    @Override
    public DeliveryStats stats() {
        return new DeliveryStats(records.size(), 0, 0);
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    List<RawEvent> records() {
        return List.copyOf(records);
    }

    List<RawEvent> heartbeats() {
        return records.stream().filter(ListEventSink::isHeartbeat).toList();
    }

    List<RawEvent> events() {
        return records.stream().filter(r -> !isHeartbeat(r)).toList();
    }

    private static boolean isHeartbeat(RawEvent record) {
        return record.provider().equals(CollectorHeartbeat.PROVIDER) && record.id() == CollectorHeartbeat.ID;
    }
}
