package io.etwcorr.collector.selftest;

import io.etwcorr.collector.delivery.DeliveryStats;
import io.etwcorr.collector.delivery.EventSink;
import io.etwcorr.collector.session.CollectorHeartbeat;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The self-test's sink: checks the numbering of every record (one run, seq 0, 1, 2, … without a
 * gap), notes every (provider, id, version) seen, and keeps only the records the checks read — the
 * DNS-Client and Kernel-Network events of this process and the process events — so a busy host
 * cannot fill memory. Thread-safe.
 */
public final class CapturedRecords implements EventSink {
    /** Kept records beyond this are counted, not kept. */
    static final int MAX_KEPT = 100_000;
    private static final int THREAD_START = 3;
    private static final int THREAD_STOP = 4;

    private final long ownPid;
    private final List<RawEvent> kept = new ArrayList<>();
    private final SortedMap<String, SortedMap<Integer, SortedSet<Integer>>> versions = new TreeMap<>();
    private String run;
    private long records;
    private long outOfSequence;
    private long notKept;

    public CapturedRecords(long ownPid) {
        this.ownPid = ownPid;
    }

    @Override
    public synchronized void accept(RawEvent record) {
        if (records == 0) {
            run = record.run();
        }
        if (record.seq() != records || !Objects.equals(run, record.run())) {
            outOfSequence++;
        }
        records++;
        if (CollectorHeartbeat.PROVIDER.equals(record.provider())) {
            return;
        }
        versions.computeIfAbsent(record.provider(), p -> new TreeMap<>()).computeIfAbsent(record.id(), i -> new TreeSet<>())
                .add(record.ver());
        if (isRead(record)) {
            if (kept.size() < MAX_KEPT) {
                kept.add(record);
            } else {
                notKept++;
            }
        }
    }

    /** The records the checks read, in the order they came. */
    public synchronized List<RawEvent> kept() {
        return List.copyOf(kept);
    }

    /** Records received, heartbeats included. */
    public synchronized long records() {
        return records;
    }

    /** Records whose seq or run broke the numbering. */
    public synchronized long outOfSequence() {
        return outOfSequence;
    }

    /** Records the checks would have read but were over {@link #MAX_KEPT}. */
    public synchronized long notKept() {
        return notKept;
    }

    /** Every provider's event ids and the versions each came in. */
    public synchronized Map<String, SortedMap<Integer, SortedSet<Integer>>> versions() {
        SortedMap<String, SortedMap<Integer, SortedSet<Integer>>> copy = new TreeMap<>();
        versions.forEach((provider, ids) -> {
            SortedMap<Integer, SortedSet<Integer>> idsCopy = new TreeMap<>();
            ids.forEach((id, vers) -> idsCopy.put(id, new TreeSet<>(vers)));
            copy.put(provider, idsCopy);
        });
        return copy;
    }

    @Override
    public synchronized DeliveryStats stats() {
        return new DeliveryStats(records, 0, 0);
    }

    @Override
    public void close() {
    }

    private boolean isRead(RawEvent record) {
        String provider = record.provider();
        if (EtwProvider.KERNEL_PROCESS.providerName().equals(provider)) {
            return record.id() != THREAD_START && record.id() != THREAD_STOP;
        }
        if (EtwProvider.KERNEL_NETWORK.providerName().equals(provider)) {
            return Long.valueOf(ownPid).equals(record.propLong("PID"));
        }
        if (EtwProvider.DNS_CLIENT.providerName().equals(provider)) {
            return record.pid() == ownPid || Long.valueOf(ownPid).equals(record.propLong("ClientPID"));
        }
        return false;
    }
}
