package io.etwcorr.jobs.lineage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/** A {@link ProcessStore} in plain maps, for tests of the table and the resolver without Flink. */
final class InMemoryProcessStore implements ProcessStore {
    final Map<String, ProcessEntry> processes = new HashMap<>();
    final Map<Long, String> livePids = new HashMap<>();

    @Override
    public ProcessEntry entry(String entityId) {
        return processes.get(entityId);
    }

    @Override
    public void putEntry(ProcessEntry entry) {
        processes.put(entry.entityId, entry);
    }

    @Override
    public void removeEntry(String entityId) {
        processes.remove(entityId);
    }

    @Override
    public Iterable<ProcessEntry> entries() {
        return new ArrayList<>(processes.values());
    }

    @Override
    public String liveEntity(long pid) {
        return livePids.get(pid);
    }

    @Override
    public void putLiveEntity(long pid, String entityId) {
        livePids.put(pid, entityId);
    }

    @Override
    public void removeLiveEntity(long pid) {
        livePids.remove(pid);
    }
}
