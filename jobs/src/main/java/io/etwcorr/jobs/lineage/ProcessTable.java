package io.etwcorr.jobs.lineage;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.EtwEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The processes of one host, fed with its Kernel-Process events in host event-time order: who
 * started whom, who created threads in whom, and which process holds each PID now.
 *
 * <p>An exited process stays while it is needed for a lineage: for the retention period after its
 * own exit, and as long as any process it started or injected into (at any depth) is alive or
 * within its own retention — a stager that exited 30 hours before its implant's next callback is
 * still in the chain. {@link #expire} drops the rest and bounds the table, and says how many of the
 * processes the bound evicted were still needed.
 */
final class ProcessTable {
    /** Only the latest injections matter (the last before a callback), so older ones go beyond this. */
    static final int MAX_INJECTIONS_PER_PROCESS = 64;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    /** Exited processes before running ones, each oldest first; the entity id makes the order total. */
    private static final Comparator<ProcessEntry> EVICTION_ORDER = Comparator
            .comparing((ProcessEntry e) -> !e.hasExited())
            .thenComparingLong(e -> e.hasExited() ? e.exitTime : e.createTime)
            .thenComparing(e -> e.entityId);

    private final ProcessStore store;
    private final long retentionMicros;
    private final int maxProcesses;
    private final boolean keepsCommandLines;

    /** The table a lineage needs: every process with its image and command line. */
    ProcessTable(ProcessStore store, EtwcorrConfig.Lineage config) {
        this(store, config, true);
    }

    /**
     * {@code keepsCommandLines} false: a table that only names processes (images, parents), for
     * lookups that need no command line, at a fraction of the state.
     */
    ProcessTable(ProcessStore store, EtwcorrConfig.Lineage config, boolean keepsCommandLines) {
        this.store = store;
        this.retentionMicros = config.retentionSeconds * MICROS_PER_SECOND;
        this.maxProcesses = config.maxProcessesPerHost;
        this.keepsCommandLines = keepsCommandLines;
    }

    /** Applies one of the host's PROCESS_START, PROCESS_RUNDOWN, PROCESS_STOP or THREAD_START events. */
    void apply(EtwEvent event) throws Exception {
        switch (event.kind) {
            case PROCESS_START -> started(event, false);
            case PROCESS_RUNDOWN -> started(event, true);
            case PROCESS_STOP -> stopped(event);
            case THREAD_START -> threadStarted(event);
            default -> { }
        }
    }

    ProcessEntry entry(String entityId) throws Exception {
        return entityId == null ? null : store.entry(entityId);
    }

    /** The process that started {@code child}, or null when the table does not know it. */
    ProcessEntry parent(ProcessEntry child) throws Exception {
        return entry(child.parentEntityId);
    }

    /**
     * The host's watermark reached {@code watermark}: processes no lineage needs any more go (exited
     * beyond the retention, with no started or injected process that is alive or within its
     * retention), then, beyond the per-host bound, the oldest exited and, if need be, the oldest
     * running ones. Returns how many processes the bound evicted while a lineage still needed them.
     */
    int expire(long watermark) throws Exception {
        Map<String, ProcessEntry> all = new HashMap<>();
        for (ProcessEntry entry : store.entries()) {
            all.put(entry.entityId, entry);
        }
        Set<String> needed = new HashSet<>();
        for (ProcessEntry entry : all.values()) {
            if (!entry.hasExited() || watermark - entry.exitTime < retentionMicros) {
                keepWithAncestors(entry, all, needed);
            }
        }
        List<ProcessEntry> kept = new ArrayList<>();
        List<ProcessEntry> expired = new ArrayList<>();
        for (ProcessEntry entry : all.values()) {
            (needed.contains(entry.entityId) ? kept : expired).add(entry);
        }
        int evicted = Math.max(0, kept.size() - maxProcesses);
        if (evicted > 0) {
            kept.sort(EVICTION_ORDER);
            expired.addAll(kept.subList(0, evicted));
        }
        for (ProcessEntry entry : expired) {
            remove(entry);
        }
        return evicted;
    }

    /** Marks {@code entry} and everything its lineage can reach (parents and injectors) as needed. */
    private static void keepWithAncestors(ProcessEntry entry, Map<String, ProcessEntry> all, Set<String> needed) {
        Deque<ProcessEntry> pending = new ArrayDeque<>();
        pending.push(entry);
        while (!pending.isEmpty()) {
            ProcessEntry current = pending.pop();
            if (!needed.add(current.entityId)) {
                continue; // already marked, and its ancestors with it
            }
            ProcessEntry parent = current.parentEntityId == null ? null : all.get(current.parentEntityId);
            if (parent != null) {
                pending.push(parent);
            }
            for (Injection injection : current.injections) {
                ProcessEntry injector = all.get(injection.injectorEntityId);
                if (injector != null) {
                    pending.push(injector);
                }
            }
        }
    }

    private void started(EtwEvent event, boolean alreadyRunning) throws Exception {
        if (event.entityId == null) {
            return;
        }
        ProcessEntry entry = entryOrNew(event);
        if (entry.parentEntityId == null) {
            entry.parentEntityId = parentOf(event);
        }
        if (entry.createTime < 0) {
            entry.createTime = event.createTime;
        }
        describe(entry, event);
        // A process already running at rundown started its initial thread long ago.
        entry.hasThreads |= alreadyRunning;
        store.putEntry(entry);
        if (!entry.hasExited()) {
            takeOverPid(entry, entry.createTime >= 0 ? entry.createTime : event.ts);
        }
    }

    private String parentOf(EtwEvent child) throws Exception {
        if (child.parentEntityId != null) {
            return child.parentEntityId;
        }
        String holder = child.parentPid < 0 ? null : store.liveEntity(child.parentPid);
        ProcessEntry candidate = holder == null || holder.equals(child.entityId) ? null : store.entry(holder);
        if (candidate == null) {
            return null;
        }
        // A holder younger than the child got the PID after the real parent had exited.
        boolean olderThanChild = child.createTime < 0 || candidate.createTime <= child.createTime;
        return olderThanChild ? holder : null;
    }

    private void takeOverPid(ProcessEntry entry, long at) throws Exception {
        String holder = store.liveEntity(entry.pid);
        if (entry.entityId.equals(holder)) {
            return;
        }
        ProcessEntry previous = holder == null ? null : store.entry(holder);
        if (previous != null && !previous.hasExited()) {
            // Windows reuses a PID only after its process exited: its stop event was lost.
            previous.exitTime = at;
            store.putEntry(previous);
        }
        store.putLiveEntity(entry.pid, entry.entityId);
    }

    private ProcessEntry entryOrNew(EtwEvent event) throws Exception {
        ProcessEntry entry = store.entry(event.entityId);
        if (entry == null) {
            entry = new ProcessEntry();
            entry.entityId = event.entityId;
            entry.pid = event.pid;
        }
        return entry;
    }

    private void stopped(EtwEvent event) throws Exception {
        if (event.entityId == null) {
            return;
        }
        // A process started before the collector and missed by the rundown is still worth a name in lineages.
        ProcessEntry entry = entryOrNew(event);
        if (entry.createTime < 0) {
            entry.createTime = event.createTime;
        }
        entry.exitTime = event.exitTime >= 0 ? event.exitTime : event.ts;
        if (entry.executable == null) {
            describe(entry, event);
        }
        store.putEntry(entry);
        if (entry.entityId.equals(store.liveEntity(entry.pid))) {
            store.removeLiveEntity(entry.pid);
        }
    }

    private void threadStarted(EtwEvent event) throws Exception {
        ProcessEntry target = entry(store.liveEntity(event.pid));
        if (target == null) {
            return;
        }
        if (event.creatorPid >= 0 && event.creatorPid != event.pid) {
            String creator = store.liveEntity(event.creatorPid);
            boolean firstThreadOfOwnChild = creator != null && creator.equals(target.parentEntityId) && !target.hasThreads;
            if (creator != null && !firstThreadOfOwnChild) {
                target.injections = appendBounded(target.injections, new Injection(creator, event.ts));
            }
        }
        target.hasThreads = true;
        store.putEntry(target);
    }

    private void remove(ProcessEntry entry) throws Exception {
        store.removeEntry(entry.entityId);
        if (entry.entityId.equals(store.liveEntity(entry.pid))) {
            store.removeLiveEntity(entry.pid);
        }
    }

    private void describe(ProcessEntry entry, EtwEvent event) {
        if (event.executable != null) {
            entry.executable = event.executable;
            entry.name = event.processName();
        }
        if (event.commandLine != null && keepsCommandLines) {
            entry.commandLine = event.commandLine;
        }
    }

    private static Injection[] appendBounded(Injection[] injections, Injection added) {
        int from = Math.max(0, injections.length + 1 - MAX_INJECTIONS_PER_PROCESS);
        Injection[] appended = Arrays.copyOfRange(injections, from, injections.length + 1);
        appended[appended.length - 1] = added;
        return appended;
    }
}
