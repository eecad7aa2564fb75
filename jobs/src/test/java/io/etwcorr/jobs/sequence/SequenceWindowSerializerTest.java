package io.etwcorr.jobs.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Flink's serializer contract for {@link SequenceWindowSerializer}, and the size of a healthy run's window. */
class SequenceWindowSerializerTest extends SerializerTestBase<SequenceWindow> {

    @Override
    protected TypeSerializer<SequenceWindow> createSerializer() {
        return SequenceWindowSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<SequenceWindow> getTypeClass() {
        return SequenceWindow.class;
    }

    @Override
    protected SequenceWindow[] getTestData() {
        SequenceWindow fresh = new SequenceWindow(8192);

        SequenceWindow healthy = received(8192, 0, 20_000);
        healthy.lastTs = 1_795_633_627_123_456L;
        healthy.eventsLost = 3;
        healthy.buffersLost = 1;
        healthy.dropped = 7;
        healthy.spooled = 11;

        SequenceWindow withGaps = received(128, 0, 40);
        long[] gaps = {0};
        withGaps.accept(45, gaps);
        withGaps.accept(200, gaps);
        withGaps.countOpenGaps();

        return new SequenceWindow[] {fresh, healthy, withGaps, new SequenceWindow()};
    }

    @Test
    void aHealthyRunsWindowIsAFewBytesNotItsWholeRing() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SequenceWindowSerializer.INSTANCE.serialize(received(8192, 0, 20_000), out);

        assertThat(out.length()).as("8 counters, the ring's length and at most four runs").isLessThan(100);
    }

    @Test
    void aCorruptRingIsAnErrorNotAWrongWindow() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (int i = 0; i < 8; i++) {
            out.writeLong(0);
        }
        out.writeInt(2);
        out.writeByte(9);

        assertThatThrownBy(() -> SequenceWindowSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer()))).isInstanceOf(IOException.class)
                .hasMessageContaining("tag 9");
    }

    private static SequenceWindow received(int size, long from, long to) {
        SequenceWindow window = new SequenceWindow(size);
        long[] gaps = {0};
        for (long seq = from; seq < to; seq++) {
            window.accept(seq, gaps);
        }
        return window;
    }
}
