package io.etwcorr.collector.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Records handed to the producer directly and not yet acknowledged, in send order. When Kafka
 * turns out to be unreachable they are copied to the spool ahead of everything that follows, which
 * keeps each host's order; if the producer still delivers them later, the jobs drop the duplicates.
 *
 * <p>One thread adds and takes; the producer's I/O thread acknowledges and reports failures.
 */
final class InFlightRecords {
    private record Pending(byte[] spooledForm, long sentAtNanos) {
    }

    private final ConcurrentSkipListMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private long nextId;
    /** Failures of records sent before the last {@link #takeAll} are already handled by the spool. */
    private volatile long firstIdOfGeneration;
    private volatile boolean failed;

    /** Registers a record about to be sent; returns the id its callback reports with. */
    long add(SpooledRecord record, long nowNanos) {
        long id = nextId++;
        pending.put(id, new Pending(record.encode(), nowNanos));
        return id;
    }

    void acknowledged(long id) {
        pending.remove(id);
    }

    void failed(long id) {
        if (id >= firstIdOfGeneration) {
            failed = true;
        }
    }

    boolean hasFailed() {
        return failed;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** How long the oldest unacknowledged record has waited, or 0 when none waits. */
    long oldestWaitNanos(long nowNanos) {
        Map.Entry<Long, Pending> oldest = pending.firstEntry();
        return oldest == null ? 0 : nowNanos - oldest.getValue().sentAtNanos();
    }

    /** Removes and returns the unacknowledged records (spool form), oldest first, and starts afresh. */
    List<byte[]> takeAll() {
        firstIdOfGeneration = nextId;
        failed = false;
        List<byte[]> records = new ArrayList<>(pending.size());
        for (Map.Entry<Long, Pending> entry = pending.pollFirstEntry(); entry != null; entry = pending.pollFirstEntry()) {
            records.add(entry.getValue().spooledForm());
        }
        return records;
    }
}
