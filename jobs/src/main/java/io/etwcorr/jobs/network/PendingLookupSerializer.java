package io.etwcorr.jobs.network;

import io.etwcorr.jobs.model.PojoReplacingSnapshot;
import io.etwcorr.jobs.model.StateValueSerializer;
import io.etwcorr.jobs.model.Utf8Fields;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes a {@link PendingLookup}, one per DNS answer no connection has used yet. */
public final class PendingLookupSerializer extends StateValueSerializer<PendingLookup> {
    private static final long serialVersionUID = 1L;

    public static final PendingLookupSerializer INSTANCE = new PendingLookupSerializer();

    @Override
    public PendingLookup createInstance() {
        return new PendingLookup();
    }

    @Override
    public PendingLookup copy(PendingLookup from) {
        return new PendingLookup(from.queryName, from.ts, from.addresses == null ? null : from.addresses.clone());
    }

    @Override
    public void serialize(PendingLookup lookup, DataOutputView out) throws IOException {
        Utf8Fields.writeNullable(out, lookup.queryName);
        out.writeLong(lookup.ts);
        Utf8Fields.writeArray(out, lookup.addresses);
    }

    @Override
    public PendingLookup deserialize(DataInputView in) throws IOException {
        return new PendingLookup(Utf8Fields.readNullable(in), in.readLong(), Utf8Fields.readArray(in));
    }

    @Override
    public TypeSerializerSnapshot<PendingLookup> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends PojoReplacingSnapshot<PendingLookup> {
        public Snapshot() {
            super(PendingLookup.class, () -> INSTANCE);
        }
    }
}
