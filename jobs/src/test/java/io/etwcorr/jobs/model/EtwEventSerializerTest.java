package io.etwcorr.jobs.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.junit.jupiter.api.Test;

/** Flink's own serializer contract (copies, snapshots, duplication, concurrency) for {@link EtwEventSerializer}. */
class EtwEventSerializerTest extends SerializerTestBase<EtwEvent> {

    @Override
    protected TypeSerializer<EtwEvent> createSerializer() {
        return EtwEventSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<EtwEvent> getTypeClass() {
        return EtwEvent.class;
    }

    @Override
    protected EtwEvent[] getTestData() {
        EtwEvent answer = new EtwEvent();
        answer.kind = EventKind.DNS_ANSWER;
        answer.host = "WS-0042";
        answer.run = "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10";
        answer.seq = 17;
        answer.ts = 1_795_633_627_123_456L;
        answer.pid = 7312;
        answer.queryName = "update.example-cdn.net";
        answer.queryType = 1;
        answer.status = 0;
        answer.cnames = new String[] {"edge.example-cdn.net"};
        answer.addresses = new String[] {"203.0.113.7", "2001:db8::1"};

        EtwEvent send = new EtwEvent();
        send.kind = EventKind.TCP_SEND;
        send.host = "WS-0042";
        send.pid = 7312;
        send.localIp = "10.1.2.3";
        send.localPort = 50123;
        send.remoteIp = "203.0.113.7";
        send.remotePort = 443;
        send.size = 512;
        send.connId = Long.MIN_VALUE;

        EtwEvent start = new EtwEvent();
        start.kind = EventKind.PROCESS_START;
        start.image = "\\Device\\HarddiskVolume3\\Windows\\System32\\rundll32.exe";
        start.commandLine = "rundll32.exe C:\\Users\\ä\\x.dll,Start";
        start.processSeq = Long.MAX_VALUE;
        start.creatorPid = 5120;
        start.creatorStartKey = 844_424_930_132_017L;
        start.cnames = new String[0];

        return new EtwEvent[] {answer, send, start, EtwEvent.tick("WS-0042", -1, Long.MAX_VALUE), new EtwEvent()};
    }

    @Test
    void refusesAFieldTagItDoesNotKnow() {
        byte[] bytes = {(byte) EventKind.TCP_SEND.ordinal(), (byte) 200};

        assertThatThrownBy(() -> EtwEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("tag 200");
    }

    @Test
    void refusesATextLengthNoRecordCanHave() {
        byte[] bytes = {(byte) EventKind.TCP_SEND.ordinal(), 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0};

        assertThatThrownBy(() -> EtwEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("-16 bytes");
    }
}
