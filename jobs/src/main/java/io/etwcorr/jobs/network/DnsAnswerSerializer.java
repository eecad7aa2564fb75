package io.etwcorr.jobs.network;

import io.etwcorr.jobs.model.PojoReplacingSnapshot;
import io.etwcorr.jobs.model.StateValueSerializer;
import io.etwcorr.jobs.model.Utf8Fields;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes a {@link DnsAnswer}, one per address a process resolved. */
public final class DnsAnswerSerializer extends StateValueSerializer<DnsAnswer> {
    private static final long serialVersionUID = 1L;

    public static final DnsAnswerSerializer INSTANCE = new DnsAnswerSerializer();

    @Override
    public DnsAnswer createInstance() {
        return new DnsAnswer();
    }

    @Override
    public DnsAnswer copy(DnsAnswer from) {
        return new DnsAnswer(from.queryName, from.resolvedAt, from.expiresAt);
    }

    @Override
    public void serialize(DnsAnswer answer, DataOutputView out) throws IOException {
        Utf8Fields.writeNullable(out, answer.queryName);
        out.writeLong(answer.resolvedAt);
        out.writeLong(answer.expiresAt);
    }

    @Override
    public DnsAnswer deserialize(DataInputView in) throws IOException {
        return new DnsAnswer(Utf8Fields.readNullable(in), in.readLong(), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<DnsAnswer> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends PojoReplacingSnapshot<DnsAnswer> {
        public Snapshot() {
            super(DnsAnswer.class, () -> INSTANCE);
        }
    }
}
