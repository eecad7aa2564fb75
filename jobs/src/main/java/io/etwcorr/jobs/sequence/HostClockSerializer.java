package io.etwcorr.jobs.sequence;

import io.etwcorr.jobs.model.PojoReplacingSnapshot;
import io.etwcorr.jobs.model.StateValueSerializer;
import io.etwcorr.jobs.model.Utf8Fields;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes a {@link HostClock}, read and written by the sequencer at every event. */
public final class HostClockSerializer extends StateValueSerializer<HostClock> {
    private static final long serialVersionUID = 1L;

    public static final HostClockSerializer INSTANCE = new HostClockSerializer();

    @Override
    public HostClock createInstance() {
        return new HostClock();
    }

    @Override
    public HostClock copy(HostClock from) {
        HostClock to = new HostClock();
        to.watermark = from.watermark;
        to.newestTs = from.newestTs;
        to.lastTickBoundary = from.lastTickBoundary;
        to.idleTimer = from.idleTimer;
        to.eventTimeIdleTimer = from.eventTimeIdleTimer;
        to.lastSeenWall = from.lastSeenWall;
        to.pendingSeconds = from.pendingSeconds.clone();
        to.bufferPerSecond = from.bufferPerSecond;
        return to;
    }

    @Override
    public void serialize(HostClock clock, DataOutputView out) throws IOException {
        out.writeLong(clock.watermark);
        out.writeLong(clock.newestTs);
        out.writeLong(clock.lastTickBoundary);
        out.writeLong(clock.idleTimer);
        out.writeLong(clock.eventTimeIdleTimer);
        out.writeLong(clock.lastSeenWall);
        out.writeBoolean(clock.bufferPerSecond);
        out.writeInt(clock.pendingSeconds.length);
        for (long second : clock.pendingSeconds) {
            out.writeLong(second);
        }
    }

    @Override
    public HostClock deserialize(DataInputView in) throws IOException {
        HostClock clock = new HostClock();
        clock.watermark = in.readLong();
        clock.newestTs = in.readLong();
        clock.lastTickBoundary = in.readLong();
        clock.idleTimer = in.readLong();
        clock.eventTimeIdleTimer = in.readLong();
        clock.lastSeenWall = in.readLong();
        clock.bufferPerSecond = in.readBoolean();
        long[] pendingSeconds = new long[Utf8Fields.checkedLength(in.readInt(), "pending seconds", "elements")];
        for (int i = 0; i < pendingSeconds.length; i++) {
            pendingSeconds[i] = in.readLong();
        }
        clock.pendingSeconds = pendingSeconds;
        return clock;
    }

    @Override
    public TypeSerializerSnapshot<HostClock> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends PojoReplacingSnapshot<HostClock> {
        public Snapshot() {
            super(HostClock.class, () -> INSTANCE);
        }
    }
}
