package io.etwcorr.jobs.network;

import io.etwcorr.jobs.model.PojoReplacingSnapshot;
import io.etwcorr.jobs.model.StateValueSerializer;
import io.etwcorr.jobs.model.Utf8Fields;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes a {@link ProcessIdentity}, read by the correlator at every network event. */
public final class ProcessIdentitySerializer extends StateValueSerializer<ProcessIdentity> {
    private static final long serialVersionUID = 1L;

    public static final ProcessIdentitySerializer INSTANCE = new ProcessIdentitySerializer();

    @Override
    public ProcessIdentity createInstance() {
        return new ProcessIdentity();
    }

    @Override
    public ProcessIdentity copy(ProcessIdentity from) {
        ProcessIdentity to = new ProcessIdentity();
        to.entityId = from.entityId;
        to.executable = from.executable;
        to.name = from.name;
        to.groupCommandLine = from.groupCommandLine;
        to.createTime = from.createTime;
        to.stoppedAt = from.stoppedAt;
        return to;
    }

    @Override
    public void serialize(ProcessIdentity identity, DataOutputView out) throws IOException {
        Utf8Fields.writeNullable(out, identity.entityId);
        Utf8Fields.writeNullable(out, identity.executable);
        Utf8Fields.writeNullable(out, identity.name);
        Utf8Fields.writeNullable(out, identity.groupCommandLine);
        out.writeLong(identity.createTime);
        out.writeLong(identity.stoppedAt);
    }

    @Override
    public ProcessIdentity deserialize(DataInputView in) throws IOException {
        ProcessIdentity identity = new ProcessIdentity();
        identity.entityId = Utf8Fields.readNullable(in);
        identity.executable = Utf8Fields.readNullable(in);
        identity.name = Utf8Fields.readNullable(in);
        identity.groupCommandLine = Utf8Fields.readNullable(in);
        identity.createTime = in.readLong();
        identity.stoppedAt = in.readLong();
        return identity;
    }

    @Override
    public TypeSerializerSnapshot<ProcessIdentity> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends PojoReplacingSnapshot<ProcessIdentity> {
        public Snapshot() {
            super(ProcessIdentity.class, () -> INSTANCE);
        }
    }
}
