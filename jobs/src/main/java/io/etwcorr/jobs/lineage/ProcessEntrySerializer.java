package io.etwcorr.jobs.lineage;

import io.etwcorr.jobs.model.PojoReplacingSnapshot;
import io.etwcorr.jobs.model.StateValueSerializer;
import io.etwcorr.jobs.model.Utf8Fields;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes a {@link ProcessEntry}: the process tables are the largest part of a checkpoint, and
 * on RocksDB every table lookup is a deserialization.
 */
public final class ProcessEntrySerializer extends StateValueSerializer<ProcessEntry> {
    private static final long serialVersionUID = 1L;

    public static final ProcessEntrySerializer INSTANCE = new ProcessEntrySerializer();

    private static final int NO_INJECTIONS = -1;

    @Override
    public ProcessEntry createInstance() {
        return new ProcessEntry();
    }

    @Override
    public ProcessEntry copy(ProcessEntry from) {
        ProcessEntry to = new ProcessEntry();
        to.entityId = from.entityId;
        to.pid = from.pid;
        to.startKey = from.startKey;
        to.parentEntityId = from.parentEntityId;
        to.name = from.name;
        to.executable = from.executable;
        to.commandLine = from.commandLine;
        to.createTime = from.createTime;
        to.exitTime = from.exitTime;
        to.hasThreads = from.hasThreads;
        if (from.injections == null) {
            to.injections = null;
        } else {
            to.injections = new Injection[from.injections.length];
            for (int i = 0; i < from.injections.length; i++) {
                Injection injection = from.injections[i];
                to.injections[i] = new Injection(injection.injectorEntityId, injection.ts);
            }
        }
        return to;
    }

    @Override
    public void serialize(ProcessEntry entry, DataOutputView out) throws IOException {
        Utf8Fields.writeNullable(out, entry.entityId);
        out.writeLong(entry.pid);
        out.writeLong(entry.startKey);
        Utf8Fields.writeNullable(out, entry.parentEntityId);
        Utf8Fields.writeNullable(out, entry.name);
        Utf8Fields.writeNullable(out, entry.executable);
        Utf8Fields.writeNullable(out, entry.commandLine);
        out.writeLong(entry.createTime);
        out.writeLong(entry.exitTime);
        out.writeBoolean(entry.hasThreads);
        if (entry.injections == null) {
            out.writeInt(NO_INJECTIONS);
            return;
        }
        out.writeInt(entry.injections.length);
        for (Injection injection : entry.injections) {
            Utf8Fields.writeNullable(out, injection.injectorEntityId);
            out.writeLong(injection.ts);
        }
    }

    @Override
    public ProcessEntry deserialize(DataInputView in) throws IOException {
        ProcessEntry entry = new ProcessEntry();
        entry.entityId = Utf8Fields.readNullable(in);
        entry.pid = in.readLong();
        entry.startKey = in.readLong();
        entry.parentEntityId = Utf8Fields.readNullable(in);
        entry.name = Utf8Fields.readNullable(in);
        entry.executable = Utf8Fields.readNullable(in);
        entry.commandLine = Utf8Fields.readNullable(in);
        entry.createTime = in.readLong();
        entry.exitTime = in.readLong();
        entry.hasThreads = in.readBoolean();
        int injections = in.readInt();
        if (injections == NO_INJECTIONS) {
            entry.injections = null;
            return entry;
        }
        entry.injections = new Injection[Utf8Fields.checkedLength(injections, "injection list", "elements")];
        for (int i = 0; i < injections; i++) {
            entry.injections[i] = new Injection(Utf8Fields.readNullable(in), in.readLong());
        }
        return entry;
    }

    @Override
    public TypeSerializerSnapshot<ProcessEntry> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends PojoReplacingSnapshot<ProcessEntry> {
        public Snapshot() {
            super(ProcessEntry.class, () -> INSTANCE);
        }
    }
}
