package io.etwcorr.jobs.network;

import io.etwcorr.jobs.model.StateValueSerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

class PendingLookupSerializerTest extends StateValueSerializerTestBase<PendingLookup> {

    @Override
    protected TypeSerializer<PendingLookup> createSerializer() {
        return PendingLookupSerializer.INSTANCE;
    }

    @Override
    protected Class<PendingLookup> getTypeClass() {
        return PendingLookup.class;
    }

    @Override
    protected PendingLookup[] getTestData() {
        return new PendingLookup[] {
            new PendingLookup("update.example-cdn.net", 1_795_633_627_123_456L, new String[] {"203.0.113.7", "2001:db8::1"}),
            new PendingLookup("nxdomain.example", 5, new String[0]),
            new PendingLookup(),
        };
    }
}
