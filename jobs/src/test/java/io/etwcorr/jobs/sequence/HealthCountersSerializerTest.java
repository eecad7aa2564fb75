package io.etwcorr.jobs.sequence;

import io.etwcorr.jobs.model.StateValueSerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

class HealthCountersSerializerTest extends StateValueSerializerTestBase<HealthCounters> {

    @Override
    protected TypeSerializer<HealthCounters> createSerializer() {
        return HealthCountersSerializer.INSTANCE;
    }

    @Override
    protected Class<HealthCounters> getTypeClass() {
        return HealthCounters.class;
    }

    @Override
    protected HealthCounters[] getTestData() {
        HealthCounters busy = new HealthCounters();
        busy.received = 1_000_000;
        busy.duplicates = 1;
        busy.sequenceGaps = 2;
        busy.late = 3;
        busy.passedOver = 4;
        busy.deadLetters = 5;
        busy.etwEventsLost = 6;
        busy.etwBuffersLost = 7;
        busy.collectorDropped = 8;
        busy.collectorSpooled = 9;
        busy.runs = Long.MAX_VALUE;

        return new HealthCounters[] {busy, new HealthCounters()};
    }
}
