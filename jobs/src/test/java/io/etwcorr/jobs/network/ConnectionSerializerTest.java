package io.etwcorr.jobs.network;

import io.etwcorr.jobs.model.StateValueSerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

class ConnectionSerializerTest extends StateValueSerializerTestBase<Connection> {

    @Override
    protected TypeSerializer<Connection> createSerializer() {
        return ConnectionSerializer.INSTANCE;
    }

    @Override
    protected Class<Connection> getTypeClass() {
        return Connection.class;
    }

    @Override
    protected Connection[] getTestData() {
        Connection beacon = beacon();

        Connection udp = new Connection();
        udp.udp = true;
        udp.remoteIp = "203.0.113.7";
        udp.domain = "ümlaut.example";

        return new Connection[] {beacon, udp, new Connection()};
    }

    /** An outbound TCP connection with an open burst: every field set. */
    static Connection beacon() {
        Connection beacon = new Connection();
        beacon.announced = true;
        beacon.outbound = true;
        beacon.domain = "update.example-cdn.net";
        beacon.remoteIp = "2001:db8::1";
        beacon.remotePort = 443;
        beacon.lastTs = 1_795_633_627_123_456L;
        beacon.burstStart = 1_795_633_627_000_000L;
        beacon.burstLast = 1_795_633_627_123_456L;
        beacon.burstBytesOut = 512;
        beacon.burstBytesIn = Long.MAX_VALUE;
        return beacon;
    }
}
