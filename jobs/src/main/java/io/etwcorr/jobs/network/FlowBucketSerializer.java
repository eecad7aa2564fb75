package io.etwcorr.jobs.network;

import io.etwcorr.jobs.model.PojoReplacingSnapshot;
import io.etwcorr.jobs.model.StateValueSerializer;
import io.etwcorr.jobs.model.Utf8Fields;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes a {@link FlowBucket}, added to at every send and receive. */
public final class FlowBucketSerializer extends StateValueSerializer<FlowBucket> {
    private static final long serialVersionUID = 1L;

    public static final FlowBucketSerializer INSTANCE = new FlowBucketSerializer();

    @Override
    public FlowBucket createInstance() {
        return new FlowBucket();
    }

    @Override
    public FlowBucket copy(FlowBucket from) {
        FlowBucket to = new FlowBucket();
        to.start = from.start;
        to.transport = from.transport;
        to.localIp = from.localIp;
        to.remoteIp = from.remoteIp;
        to.remotePort = from.remotePort;
        to.domain = from.domain;
        to.bytesOut = from.bytesOut;
        to.bytesIn = from.bytesIn;
        to.packetsOut = from.packetsOut;
        to.packetsIn = from.packetsIn;
        return to;
    }

    @Override
    public void serialize(FlowBucket bucket, DataOutputView out) throws IOException {
        out.writeLong(bucket.start);
        Utf8Fields.writeNullable(out, bucket.transport);
        Utf8Fields.writeNullable(out, bucket.localIp);
        Utf8Fields.writeNullable(out, bucket.remoteIp);
        out.writeInt(bucket.remotePort);
        Utf8Fields.writeNullable(out, bucket.domain);
        out.writeLong(bucket.bytesOut);
        out.writeLong(bucket.bytesIn);
        out.writeLong(bucket.packetsOut);
        out.writeLong(bucket.packetsIn);
    }

    @Override
    public FlowBucket deserialize(DataInputView in) throws IOException {
        FlowBucket bucket = new FlowBucket();
        bucket.start = in.readLong();
        bucket.transport = Utf8Fields.readNullable(in);
        bucket.localIp = Utf8Fields.readNullable(in);
        bucket.remoteIp = Utf8Fields.readNullable(in);
        bucket.remotePort = in.readInt();
        bucket.domain = Utf8Fields.readNullable(in);
        bucket.bytesOut = in.readLong();
        bucket.bytesIn = in.readLong();
        bucket.packetsOut = in.readLong();
        bucket.packetsIn = in.readLong();
        return bucket;
    }

    @Override
    public TypeSerializerSnapshot<FlowBucket> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends PojoReplacingSnapshot<FlowBucket> {
        public Snapshot() {
            super(FlowBucket.class, () -> INSTANCE);
        }
    }
}
