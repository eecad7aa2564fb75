package io.etwcorr.jobs.sequence;

import io.etwcorr.jobs.model.PojoReplacingSnapshot;
import io.etwcorr.jobs.model.StateValueSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes a {@link HealthCounters}, read and written by the sequencer at every event. */
public final class HealthCountersSerializer extends StateValueSerializer<HealthCounters> {
    private static final long serialVersionUID = 1L;

    public static final HealthCountersSerializer INSTANCE = new HealthCountersSerializer();

    @Override
    public HealthCounters createInstance() {
        return new HealthCounters();
    }

    @Override
    public HealthCounters copy(HealthCounters from) {
        HealthCounters to = new HealthCounters();
        to.received = from.received;
        to.duplicates = from.duplicates;
        to.sequenceGaps = from.sequenceGaps;
        to.late = from.late;
        to.passedOver = from.passedOver;
        to.deadLetters = from.deadLetters;
        to.etwEventsLost = from.etwEventsLost;
        to.etwBuffersLost = from.etwBuffersLost;
        to.collectorDropped = from.collectorDropped;
        to.collectorSpooled = from.collectorSpooled;
        to.runs = from.runs;
        return to;
    }

    @Override
    public void serialize(HealthCounters counters, DataOutputView out) throws IOException {
        out.writeLong(counters.received);
        out.writeLong(counters.duplicates);
        out.writeLong(counters.sequenceGaps);
        out.writeLong(counters.late);
        out.writeLong(counters.passedOver);
        out.writeLong(counters.deadLetters);
        out.writeLong(counters.etwEventsLost);
        out.writeLong(counters.etwBuffersLost);
        out.writeLong(counters.collectorDropped);
        out.writeLong(counters.collectorSpooled);
        out.writeLong(counters.runs);
    }

    @Override
    public HealthCounters deserialize(DataInputView in) throws IOException {
        HealthCounters counters = new HealthCounters();
        counters.received = in.readLong();
        counters.duplicates = in.readLong();
        counters.sequenceGaps = in.readLong();
        counters.late = in.readLong();
        counters.passedOver = in.readLong();
        counters.deadLetters = in.readLong();
        counters.etwEventsLost = in.readLong();
        counters.etwBuffersLost = in.readLong();
        counters.collectorDropped = in.readLong();
        counters.collectorSpooled = in.readLong();
        counters.runs = in.readLong();
        return counters;
    }

    @Override
    public TypeSerializerSnapshot<HealthCounters> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends PojoReplacingSnapshot<HealthCounters> {
        public Snapshot() {
            super(HealthCounters.class, () -> INSTANCE);
        }
    }
}
