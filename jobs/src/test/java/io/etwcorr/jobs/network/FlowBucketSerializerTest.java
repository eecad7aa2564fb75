package io.etwcorr.jobs.network;

import io.etwcorr.jobs.model.StateValueSerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

class FlowBucketSerializerTest extends StateValueSerializerTestBase<FlowBucket> {

    @Override
    protected TypeSerializer<FlowBucket> createSerializer() {
        return FlowBucketSerializer.INSTANCE;
    }

    @Override
    protected Class<FlowBucket> getTypeClass() {
        return FlowBucket.class;
    }

    @Override
    protected FlowBucket[] getTestData() {
        FlowBucket tcp = new FlowBucket();
        tcp.start = 1_795_633_620_000_000L;
        tcp.transport = "tcp";
        tcp.localIp = "10.1.2.3";
        tcp.remoteIp = "203.0.113.7";
        tcp.remotePort = 443;
        tcp.domain = "update.example-cdn.net";
        tcp.bytesOut = 512;
        tcp.bytesIn = 40_960;
        tcp.packetsOut = 3;
        tcp.packetsIn = Long.MAX_VALUE;

        FlowBucket noDomain = new FlowBucket();
        noDomain.transport = "udp";
        noDomain.remotePort = -1;

        return new FlowBucket[] {tcp, noDomain, new FlowBucket()};
    }
}
