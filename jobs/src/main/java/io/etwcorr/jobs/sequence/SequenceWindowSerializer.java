package io.etwcorr.jobs.sequence;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes a {@link SequenceWindow} with its ring run-length encoded. The sequencer reads and
 * writes a run's window at every event, and on RocksDB each time is a (de)serialization: the POJO
 * serializer's ring is 1 KiB read long by long (8,192 bits by default), while a healthy run's ring
 * is a few runs of all-seen and all-unseen words, written here as a tag and a length each.
 */
public final class SequenceWindowSerializer extends TypeSerializerSingleton<SequenceWindow> {
    private static final long serialVersionUID = 1L;

    public static final SequenceWindowSerializer INSTANCE = new SequenceWindowSerializer();

    private static final int NO_RING = -1;
    private static final byte ZEROS = 0;
    private static final byte ONES = 1;
    private static final byte LITERAL = 2;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SequenceWindow createInstance() {
        return new SequenceWindow();
    }

    @Override
    public SequenceWindow copy(SequenceWindow from) {
        SequenceWindow to = new SequenceWindow();
        to.firstSeq = from.firstSeq;
        to.maxSeq = from.maxSeq;
        to.seen = from.seen == null ? null : from.seen.clone();
        to.gapsCountedBelow = from.gapsCountedBelow;
        to.lastTs = from.lastTs;
        to.eventsLost = from.eventsLost;
        to.buffersLost = from.buffersLost;
        to.dropped = from.dropped;
        to.spooled = from.spooled;
        return to;
    }

    @Override
    public SequenceWindow copy(SequenceWindow from, SequenceWindow reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SequenceWindow window, DataOutputView out) throws IOException {
        out.writeLong(window.firstSeq);
        out.writeLong(window.maxSeq);
        out.writeLong(window.gapsCountedBelow);
        out.writeLong(window.lastTs);
        out.writeLong(window.eventsLost);
        out.writeLong(window.buffersLost);
        out.writeLong(window.dropped);
        out.writeLong(window.spooled);
        long[] seen = window.seen;
        if (seen == null) {
            out.writeInt(NO_RING);
            return;
        }
        out.writeInt(seen.length);
        int i = 0;
        while (i < seen.length) {
            long word = seen[i];
            if (word == 0 || word == -1) {
                int end = i + 1;
                while (end < seen.length && seen[end] == word) {
                    end++;
                }
                out.writeByte(word == 0 ? ZEROS : ONES);
                out.writeInt(end - i);
                i = end;
            } else {
                out.writeByte(LITERAL);
                out.writeLong(word);
                i++;
            }
        }
    }

    @Override
    public SequenceWindow deserialize(DataInputView in) throws IOException {
        SequenceWindow window = new SequenceWindow();
        window.firstSeq = in.readLong();
        window.maxSeq = in.readLong();
        window.gapsCountedBelow = in.readLong();
        window.lastTs = in.readLong();
        window.eventsLost = in.readLong();
        window.buffersLost = in.readLong();
        window.dropped = in.readLong();
        window.spooled = in.readLong();
        int words = in.readInt();
        if (words == NO_RING) {
            return window;
        }
        long[] seen = new long[words];
        int i = 0;
        while (i < words) {
            byte tag = in.readByte();
            switch (tag) {
                case ZEROS -> i += in.readInt(); // the array starts zeroed
                case ONES -> {
                    int end = i + in.readInt();
                    Arrays.fill(seen, i, end, -1L);
                    i = end;
                }
                case LITERAL -> seen[i++] = in.readLong();
                default -> throw new IOException("corrupt sequence window: tag " + tag + " at word " + i);
            }
        }
        window.seen = seen;
        return window;
    }

    @Override
    public SequenceWindow deserialize(SequenceWindow reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<SequenceWindow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format has no parameters: compatibility is by class. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SequenceWindow> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
