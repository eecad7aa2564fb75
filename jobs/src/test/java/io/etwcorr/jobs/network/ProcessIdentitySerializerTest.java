package io.etwcorr.jobs.network;

import io.etwcorr.jobs.model.StateValueSerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

class ProcessIdentitySerializerTest extends StateValueSerializerTestBase<ProcessIdentity> {

    @Override
    protected TypeSerializer<ProcessIdentity> createSerializer() {
        return ProcessIdentitySerializer.INSTANCE;
    }

    @Override
    protected Class<ProcessIdentity> getTypeClass() {
        return ProcessIdentity.class;
    }

    @Override
    protected ProcessIdentity[] getTestData() {
        ProcessIdentity known = stopped();

        ProcessIdentity nulls = new ProcessIdentity();
        nulls.groupCommandLine = null;

        return new ProcessIdentity[] {known, new ProcessIdentity(), nulls};
    }

    /** A process that has stopped: every field set. */
    static ProcessIdentity stopped() {
        ProcessIdentity known = new ProcessIdentity();
        known.entityId = "WS-0042:7312:1795633627123456";
        known.executable = "C:\\Users\\ä\\AppData\\updater.exe";
        known.name = "updater.exe";
        known.groupCommandLine = "updater.exe --id <n>";
        known.createTime = 1_795_633_627_123_456L;
        known.stoppedAt = 1_795_633_700_000_000L;
        return known;
    }
}
