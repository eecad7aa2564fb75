package io.etwcorr.jobs.sequence;

import io.etwcorr.jobs.model.StateValueSerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

class HostClockSerializerTest extends StateValueSerializerTestBase<HostClock> {

    @Override
    protected TypeSerializer<HostClock> createSerializer() {
        return HostClockSerializer.INSTANCE;
    }

    @Override
    protected Class<HostClock> getTypeClass() {
        return HostClock.class;
    }

    @Override
    protected HostClock[] getTestData() {
        HostClock buffering = new HostClock();
        buffering.watermark = 1_795_633_627_000_000L;
        buffering.newestTs = 1_795_633_632_123_456L;
        buffering.lastTickBoundary = 1_795_633_620_000_000L;
        buffering.idleTimer = 1_765_000_000_000L;
        buffering.eventTimeIdleTimer = 1_795_633_700_000L;
        buffering.lastSeenWall = 1_765_000_000_123L;
        buffering.pendingSeconds = new long[] {1_795_633_627L, 1_795_633_628L, 1_795_633_632L};
        buffering.bufferPerSecond = true;

        return new HostClock[] {buffering, new HostClock()};
    }
}
