package io.etwcorr.jobs.model;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes an {@link EtwEvent} as its kind and then only the fields that are set, each behind a
 * one-byte tag. An event sets about ten of its 37 fields, so this is a third of the POJO
 * serializer's bytes, and straight-line code instead of reflection on every field: every event
 * crosses three shuffles and waits in the host sequencer's state.
 *
 * <p>Tags are the wire format of checkpoints and savepoints: never reuse or renumber one. A new
 * field gets a new tag; state written before it simply lacks the tag, so the field keeps its
 * "unknown" value and the snapshot stays compatible.
 */
public final class EtwEventSerializer extends TypeSerializerSingleton<EtwEvent> {
    private static final long serialVersionUID = 1L;

    public static final EtwEventSerializer INSTANCE = new EtwEventSerializer();

    private static final EventKind[] KINDS = EventKind.values();
    private static final int NO_KIND = 0xFF;
    private static final int END = 0;

    private static final int HOST = 1;
    private static final int RUN = 2;
    private static final int SEQ = 3;
    private static final int TS = 4;
    private static final int PID = 5;
    private static final int CREATOR_PID = 6;
    private static final int ENTITY_ID = 7;
    private static final int PARENT_ENTITY_ID = 8;
    private static final int PARENT_PID = 9;
    private static final int PROCESS_SEQ = 10;
    private static final int PARENT_PROCESS_SEQ = 11;
    private static final int CREATE_TIME = 12;
    private static final int EXIT_TIME = 13;
    private static final int EXIT_CODE = 14;
    private static final int SESSION_ID = 15;
    private static final int IMAGE = 16;
    private static final int EXECUTABLE = 17;
    private static final int COMMAND_LINE = 18;
    private static final int USER = 19;
    private static final int THREAD_ID = 20;
    private static final int QUERY_NAME = 21;
    private static final int QUERY_TYPE = 22;
    private static final int STATUS = 23;
    private static final int CNAMES = 24;
    private static final int ADDRESSES = 25;
    private static final int LOCAL_IP = 26;
    private static final int LOCAL_PORT = 27;
    private static final int REMOTE_IP = 28;
    private static final int REMOTE_PORT = 29;
    private static final int SIZE = 30;
    private static final int CONN_ID = 31;
    private static final int EVENTS_LOST = 32;
    private static final int BUFFERS_LOST = 33;
    private static final int SENT = 34;
    private static final int SPOOLED = 35;
    private static final int DROPPED = 36;
    private static final int CREATOR_START_KEY = 37;
    private static final int SENT_BYTES = 38;
    private static final int RECEIVED_BYTES = 39;
    private static final int SENDS = 40;
    private static final int RECEIVES = 41;
    private static final int LAST_TS = 42;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public EtwEvent createInstance() {
        return new EtwEvent();
    }

    @Override
    public EtwEvent copy(EtwEvent from) {
        EtwEvent to = new EtwEvent();
        to.kind = from.kind;
        to.host = from.host;
        to.run = from.run;
        to.seq = from.seq;
        to.ts = from.ts;
        to.pid = from.pid;
        to.creatorPid = from.creatorPid;
        to.creatorStartKey = from.creatorStartKey;
        to.entityId = from.entityId;
        to.parentEntityId = from.parentEntityId;
        to.parentPid = from.parentPid;
        to.processSeq = from.processSeq;
        to.parentProcessSeq = from.parentProcessSeq;
        to.createTime = from.createTime;
        to.exitTime = from.exitTime;
        to.exitCode = from.exitCode;
        to.sessionId = from.sessionId;
        to.image = from.image;
        to.executable = from.executable;
        to.commandLine = from.commandLine;
        to.user = from.user;
        to.threadId = from.threadId;
        to.queryName = from.queryName;
        to.queryType = from.queryType;
        to.status = from.status;
        to.cnames = from.cnames == null ? null : from.cnames.clone();
        to.addresses = from.addresses == null ? null : from.addresses.clone();
        to.localIp = from.localIp;
        to.localPort = from.localPort;
        to.remoteIp = from.remoteIp;
        to.remotePort = from.remotePort;
        to.size = from.size;
        to.connId = from.connId;
        to.eventsLost = from.eventsLost;
        to.buffersLost = from.buffersLost;
        to.sent = from.sent;
        to.spooled = from.spooled;
        to.dropped = from.dropped;
        to.sentBytes = from.sentBytes;
        to.receivedBytes = from.receivedBytes;
        to.sends = from.sends;
        to.receives = from.receives;
        to.lastTs = from.lastTs;
        return to;
    }

    @Override
    public EtwEvent copy(EtwEvent from, EtwEvent reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(EtwEvent event, DataOutputView out) throws IOException {
        out.writeByte(event.kind == null ? NO_KIND : event.kind.ordinal());
        writeString(out, HOST, event.host);
        writeString(out, RUN, event.run);
        writeLong(out, SEQ, event.seq);
        writeLong(out, TS, event.ts);
        writeLong(out, PID, event.pid);
        writeLong(out, CREATOR_PID, event.creatorPid);
        writeLong(out, CREATOR_START_KEY, event.creatorStartKey);
        writeString(out, ENTITY_ID, event.entityId);
        writeString(out, PARENT_ENTITY_ID, event.parentEntityId);
        writeLong(out, PARENT_PID, event.parentPid);
        writeLong(out, PROCESS_SEQ, event.processSeq);
        writeLong(out, PARENT_PROCESS_SEQ, event.parentProcessSeq);
        writeLong(out, CREATE_TIME, event.createTime);
        writeLong(out, EXIT_TIME, event.exitTime);
        writeLong(out, EXIT_CODE, event.exitCode);
        writeLong(out, SESSION_ID, event.sessionId);
        writeString(out, IMAGE, event.image);
        writeString(out, EXECUTABLE, event.executable);
        writeString(out, COMMAND_LINE, event.commandLine);
        writeString(out, USER, event.user);
        writeLong(out, THREAD_ID, event.threadId);
        writeString(out, QUERY_NAME, event.queryName);
        writeInt(out, QUERY_TYPE, event.queryType);
        writeLong(out, STATUS, event.status);
        writeStrings(out, CNAMES, event.cnames);
        writeStrings(out, ADDRESSES, event.addresses);
        writeString(out, LOCAL_IP, event.localIp);
        writeInt(out, LOCAL_PORT, event.localPort);
        writeString(out, REMOTE_IP, event.remoteIp);
        writeInt(out, REMOTE_PORT, event.remotePort);
        writeLong(out, SIZE, event.size);
        writeLong(out, CONN_ID, event.connId);
        writeLong(out, EVENTS_LOST, event.eventsLost);
        writeLong(out, BUFFERS_LOST, event.buffersLost);
        writeLong(out, SENT, event.sent);
        writeLong(out, SPOOLED, event.spooled);
        writeLong(out, DROPPED, event.dropped);
        writeLong(out, SENT_BYTES, event.sentBytes);
        writeLong(out, RECEIVED_BYTES, event.receivedBytes);
        writeLong(out, SENDS, event.sends);
        writeLong(out, RECEIVES, event.receives);
        writeLong(out, LAST_TS, event.lastTs);
        out.writeByte(END);
    }

    @Override
    public EtwEvent deserialize(DataInputView in) throws IOException {
        EtwEvent event = new EtwEvent();
        int kind = in.readUnsignedByte();
        event.kind = kind == NO_KIND ? null : KINDS[kind];
        for (int tag = in.readUnsignedByte(); tag != END; tag = in.readUnsignedByte()) {
            switch (tag) {
                case HOST -> event.host = Utf8Fields.read(in);
                case RUN -> event.run = Utf8Fields.read(in);
                case SEQ -> event.seq = in.readLong();
                case TS -> event.ts = in.readLong();
                case PID -> event.pid = in.readLong();
                case CREATOR_PID -> event.creatorPid = in.readLong();
                case CREATOR_START_KEY -> event.creatorStartKey = in.readLong();
                case ENTITY_ID -> event.entityId = Utf8Fields.read(in);
                case PARENT_ENTITY_ID -> event.parentEntityId = Utf8Fields.read(in);
                case PARENT_PID -> event.parentPid = in.readLong();
                case PROCESS_SEQ -> event.processSeq = in.readLong();
                case PARENT_PROCESS_SEQ -> event.parentProcessSeq = in.readLong();
                case CREATE_TIME -> event.createTime = in.readLong();
                case EXIT_TIME -> event.exitTime = in.readLong();
                case EXIT_CODE -> event.exitCode = in.readLong();
                case SESSION_ID -> event.sessionId = in.readLong();
                case IMAGE -> event.image = Utf8Fields.read(in);
                case EXECUTABLE -> event.executable = Utf8Fields.read(in);
                case COMMAND_LINE -> event.commandLine = Utf8Fields.read(in);
                case USER -> event.user = Utf8Fields.read(in);
                case THREAD_ID -> event.threadId = in.readLong();
                case QUERY_NAME -> event.queryName = Utf8Fields.read(in);
                case QUERY_TYPE -> event.queryType = in.readInt();
                case STATUS -> event.status = in.readLong();
                case CNAMES -> event.cnames = Utf8Fields.readArray(in);
                case ADDRESSES -> event.addresses = Utf8Fields.readArray(in);
                case LOCAL_IP -> event.localIp = Utf8Fields.read(in);
                case LOCAL_PORT -> event.localPort = in.readInt();
                case REMOTE_IP -> event.remoteIp = Utf8Fields.read(in);
                case REMOTE_PORT -> event.remotePort = in.readInt();
                case SIZE -> event.size = in.readLong();
                case CONN_ID -> event.connId = in.readLong();
                case EVENTS_LOST -> event.eventsLost = in.readLong();
                case BUFFERS_LOST -> event.buffersLost = in.readLong();
                case SENT -> event.sent = in.readLong();
                case SPOOLED -> event.spooled = in.readLong();
                case DROPPED -> event.dropped = in.readLong();
                case SENT_BYTES -> event.sentBytes = in.readLong();
                case RECEIVED_BYTES -> event.receivedBytes = in.readLong();
                case SENDS -> event.sends = in.readLong();
                case RECEIVES -> event.receives = in.readLong();
                case LAST_TS -> event.lastTs = in.readLong();
                default -> throw new IOException("Unknown EtwEvent field tag " + tag
                        + ": state written by a newer version of the job?");
            }
        }
        return event;
    }

    @Override
    public EtwEvent deserialize(EtwEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<EtwEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void writeLong(DataOutputView out, int tag, long value) throws IOException {
        if (value != -1) {
            out.writeByte(tag);
            out.writeLong(value);
        }
    }

    private static void writeInt(DataOutputView out, int tag, int value) throws IOException {
        if (value != -1) {
            out.writeByte(tag);
            out.writeInt(value);
        }
    }

    private static void writeString(DataOutputView out, int tag, String value) throws IOException {
        if (value != null) {
            out.writeByte(tag);
            Utf8Fields.write(out, value);
        }
    }

    private static void writeStrings(DataOutputView out, int tag, String[] values) throws IOException {
        if (values != null) {
            out.writeByte(tag);
            Utf8Fields.writeArray(out, values);
        }
    }

    /** The format has no parameters: compatibility is by class, and new tags keep it compatible. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EtwEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
