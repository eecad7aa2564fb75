package io.etwcorr.jobs.lineage;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;

/** A {@link ProcessStore} in Flink keyed state (key: host). */
final class KeyedStateProcessStore implements ProcessStore {
    private final MapState<String, ProcessEntry> processes;
    private final MapState<Long, String> livePids;

    private KeyedStateProcessStore(MapState<String, ProcessEntry> processes, MapState<Long, String> livePids) {
        this.processes = processes;
        this.livePids = livePids;
    }

    /** The store in the keyed state of the function whose {@code open} calls this. */
    static KeyedStateProcessStore open(RuntimeContext context) {
        return new KeyedStateProcessStore(
                context.getMapState(new MapStateDescriptor<>("processes", StringSerializer.INSTANCE, ProcessEntrySerializer.INSTANCE)),
                context.getMapState(new MapStateDescriptor<>("live-pids", Types.LONG, Types.STRING)));
    }

    @Override
    public ProcessEntry entry(String entityId) throws Exception {
        return processes.get(entityId);
    }

    @Override
    public void putEntry(ProcessEntry entry) throws Exception {
        processes.put(entry.entityId, entry);
    }

    @Override
    public void removeEntry(String entityId) throws Exception {
        processes.remove(entityId);
    }

    @Override
    public Iterable<ProcessEntry> entries() throws Exception {
        return processes.values();
    }

    @Override
    public String liveEntity(long pid) throws Exception {
        return livePids.get(pid);
    }

    @Override
    public void putLiveEntity(long pid, String entityId) throws Exception {
        livePids.put(pid, entityId);
    }

    @Override
    public void removeLiveEntity(long pid) throws Exception {
        livePids.remove(pid);
    }
}
