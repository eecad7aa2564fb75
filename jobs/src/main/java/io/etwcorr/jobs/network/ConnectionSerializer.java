package io.etwcorr.jobs.network;

import io.etwcorr.jobs.model.PojoReplacingSnapshot;
import io.etwcorr.jobs.model.StateValueSerializer;
import io.etwcorr.jobs.model.Utf8Fields;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes a {@link Connection}, read and written by the correlator at every send and receive. */
public final class ConnectionSerializer extends StateValueSerializer<Connection> {
    private static final long serialVersionUID = 1L;

    public static final ConnectionSerializer INSTANCE = new ConnectionSerializer();

    private static final int ANNOUNCED = 1;
    private static final int OUTBOUND = 2;
    private static final int UDP = 4;

    @Override
    public Connection createInstance() {
        return new Connection();
    }

    @Override
    public Connection copy(Connection from) {
        Connection to = new Connection();
        to.announced = from.announced;
        to.outbound = from.outbound;
        to.udp = from.udp;
        to.domain = from.domain;
        to.remoteIp = from.remoteIp;
        to.remotePort = from.remotePort;
        to.lastTs = from.lastTs;
        to.burstStart = from.burstStart;
        to.burstLast = from.burstLast;
        to.burstBytesOut = from.burstBytesOut;
        to.burstBytesIn = from.burstBytesIn;
        return to;
    }

    @Override
    public void serialize(Connection connection, DataOutputView out) throws IOException {
        out.writeByte((connection.announced ? ANNOUNCED : 0)
                | (connection.outbound ? OUTBOUND : 0)
                | (connection.udp ? UDP : 0));
        Utf8Fields.writeNullable(out, connection.domain);
        Utf8Fields.writeNullable(out, connection.remoteIp);
        out.writeInt(connection.remotePort);
        out.writeLong(connection.lastTs);
        out.writeLong(connection.burstStart);
        out.writeLong(connection.burstLast);
        out.writeLong(connection.burstBytesOut);
        out.writeLong(connection.burstBytesIn);
    }

    @Override
    public Connection deserialize(DataInputView in) throws IOException {
        Connection connection = new Connection();
        int flags = in.readUnsignedByte();
        connection.announced = (flags & ANNOUNCED) != 0;
        connection.outbound = (flags & OUTBOUND) != 0;
        connection.udp = (flags & UDP) != 0;
        connection.domain = Utf8Fields.readNullable(in);
        connection.remoteIp = Utf8Fields.readNullable(in);
        connection.remotePort = in.readInt();
        connection.lastTs = in.readLong();
        connection.burstStart = in.readLong();
        connection.burstLast = in.readLong();
        connection.burstBytesOut = in.readLong();
        connection.burstBytesIn = in.readLong();
        return connection;
    }

    @Override
    public TypeSerializerSnapshot<Connection> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends PojoReplacingSnapshot<Connection> {
        public Snapshot() {
            super(Connection.class, () -> INSTANCE);
        }
    }
}
