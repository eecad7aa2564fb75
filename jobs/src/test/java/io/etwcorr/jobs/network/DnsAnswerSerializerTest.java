package io.etwcorr.jobs.network;

import io.etwcorr.jobs.model.StateValueSerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

class DnsAnswerSerializerTest extends StateValueSerializerTestBase<DnsAnswer> {

    @Override
    protected TypeSerializer<DnsAnswer> createSerializer() {
        return DnsAnswerSerializer.INSTANCE;
    }

    @Override
    protected Class<DnsAnswer> getTypeClass() {
        return DnsAnswer.class;
    }

    @Override
    protected DnsAnswer[] getTestData() {
        return new DnsAnswer[] {
            new DnsAnswer("update.example-cdn.net", 1_795_633_627_123_456L, 1_795_633_927_123_456L),
            new DnsAnswer("bücher.example", -1, Long.MAX_VALUE),
            new DnsAnswer(),
        };
    }
}
