package io.etwcorr.jobs.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etwcorr.jobs.model.StateValueSerializerTestBase;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ProcessEntrySerializerTest extends StateValueSerializerTestBase<ProcessEntry> {

    @Override
    protected TypeSerializer<ProcessEntry> createSerializer() {
        return ProcessEntrySerializer.INSTANCE;
    }

    @Override
    protected Class<ProcessEntry> getTypeClass() {
        return ProcessEntry.class;
    }

    @Override
    protected ProcessEntry[] getTestData() {
        return new ProcessEntry[] {injected(), ProcessEntry.unknown(4, "WS-0042:4:0"), new ProcessEntry(), withNulls()};
    }

    /** Every field set, non-ASCII text included. */
    static ProcessEntry injected() {
        ProcessEntry entry = new ProcessEntry();
        entry.entityId = "WS-0042:7312:1795633627123456";
        entry.pid = 7312;
        entry.startKey = 844_424_930_132_017L;
        entry.parentEntityId = "WS-0042:5120:1795633600000000";
        entry.name = "rundll32.exe";
        entry.executable = "C:\\Windows\\System32\\rundll32.exe";
        entry.commandLine = "rundll32.exe C:\\Users\\ä\\x.dll,Start";
        entry.createTime = 1_795_633_627_123_456L;
        entry.exitTime = Long.MAX_VALUE;
        entry.hasThreads = true;
        entry.injections = new Injection[] {
            new Injection("WS-0042:666:1795633627000000", 1_795_633_628_000_000L), new Injection(null, -1)
        };
        return entry;
    }

    private static ProcessEntry withNulls() {
        ProcessEntry entry = new ProcessEntry();
        entry.commandLine = "";
        entry.injections = null;
        return entry;
    }

    @Test
    void aProcessTakesFewerBytesThanThePojoSerializerGaveIt() throws IOException {
        DataOutputSerializer pojo = new DataOutputSerializer(256);
        Types.POJO(ProcessEntry.class).createSerializer(new SerializerConfigImpl()).serialize(injected(), pojo);
        DataOutputSerializer out = new DataOutputSerializer(256);
        ProcessEntrySerializer.INSTANCE.serialize(injected(), out);

        assertThat(out.length()).as("no null flags, one-byte text lengths").isLessThan(pojo.length());
    }

    @Test
    void anInjectionCountNoProcessCanHaveIsAnError() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        ProcessEntry entry = new ProcessEntry();
        entry.injections = null;
        ProcessEntrySerializer.INSTANCE.serialize(entry, out);
        byte[] bytes = out.getCopyOfBuffer();
        bytes[bytes.length - 1] = (byte) 0xF0; // the count -1 becomes -16

        assertThatThrownBy(() -> ProcessEntrySerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("-16 elements");
    }
}
