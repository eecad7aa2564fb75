package io.etwcorr.collector.etw;

import io.etwcorr.testkit.etw.PayloadFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generic decoder over TRACE_EVENT_INFO buffers laid out in native memory as TDH writes them. */
class TdhPayloadDecoderTest {
    @Test
    void decodesAKernelFileCreateEventByItsManifestSchema() throws PayloadException {
        PayloadFixture payload = TraceEventInfoFixture.kernelFileCreatePayload();

        Map<String, Object> props = decode(TraceEventInfoFixture.kernelFileCreate(), payload);

        assertThat(props).containsExactlyEntriesOf(payload.expected());
        assertThat(props.get("Irp")).isEqualTo(Long.toUnsignedString(0xFFFF_A30F_1B2C_3D40L));
        assertThat(TraceEventInfoParser.parse(TraceEventInfoFixture.kernelFileCreate().buffer()).providerName())
                .isEqualTo("Microsoft-Windows-Kernel-File");
    }

    @Test
    void decodesEveryScalarTypeWithOutTypesOfTheContract() throws PayloadException {
        TraceEventInfoFixture info = new TraceEventInfoFixture("Test-Provider")
                .property("Signed8", TdhTypes.IN_INT8, 0, 1).property("Signed16", TdhTypes.IN_INT16, 0, 2)
                .property("Signed32", TdhTypes.IN_INT32, 0, 4).property("Signed64", TdhTypes.IN_INT64, 0, 8)
                .property("Big", TdhTypes.IN_UINT64, 0, 8).property("Mask", TdhTypes.IN_HEXINT64, 0, 8)
                .property("Flag", TdhTypes.IN_BOOLEAN, 0, 4).property("Ratio", TdhTypes.IN_DOUBLE, 0, 8)
                .property("Id", TdhTypes.IN_GUID, 0, 16).property("Size", TdhTypes.IN_SIZET, 0, 8)
                .property("Created", TdhTypes.IN_FILETIME, 0, 8).property("Logged", TdhTypes.IN_SYSTEMTIME, 0, 16)
                .property("User", TdhTypes.IN_SID, 0, 0).property("Remote", TdhTypes.IN_UINT32, TdhTypes.OUT_IPV4, 4)
                .property("RemotePort", TdhTypes.IN_UINT16, TdhTypes.OUT_PORT, 2)
                .property("Local", TdhTypes.IN_BINARY, TdhTypes.OUT_IPV6, 16)
                .property("Label", TdhTypes.IN_ANSISTRING, 0, 0)
                .property("Tag", TdhTypes.IN_UNICODESTRING, 0, 4)
                .property("Counted", TdhTypes.IN_MANIFEST_COUNTEDSTRING, 0, 0);
        PayloadFixture payload = new PayloadFixture()
                .raw("Signed8", -2L, new byte[] {(byte) 0xfe})
                .raw("Signed16", -300L, PayloadFixture.littleEndian(-300, 2))
                .raw("Signed32", -70_000L, PayloadFixture.littleEndian(-70_000, 4))
                .raw("Signed64", Long.MIN_VALUE, PayloadFixture.littleEndian(Long.MIN_VALUE, 8))
                .u64("Big", -1L).u64("Mask", 0x1F)
                .raw("Flag", true, PayloadFixture.littleEndian(1, 4))
                .raw("Ratio", 0.25, PayloadFixture.littleEndian(Double.doubleToLongBits(0.25), 8))
                .raw("Id", "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716", new byte[] {(byte) 0xd6, 0x2c, (byte) 0xfb, 0x22,
                        0x7b, 0x0e, 0x2b, 0x42, (byte) 0xa0, (byte) 0xc7, 0x2f, (byte) 0xad, 0x1f, (byte) 0xd0, (byte) 0xe7, 0x16})
                .pointer("Size", 4096)
                .filetime("Created", 1_795_633_627_120_001L)
                .raw("Logged", ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2026-11-26T16:27:07.123Z")),
                        systemtime(2026, 11, 26, 16, 27, 7, 123))
                .sid("User", "S-1-5-21-1004336348-1177238915-682003330-1001")
                .address("Remote", "203.0.113.7", "203.0.113.7")
                .port("RemotePort", 443)
                .ipv6("Local", LayoutFixtures.IPV6_REMOTE, "2001:db8::1")
                .ansi("Label", "beacon")
                .raw("Tag", "ab", "ab\0\0".getBytes(StandardCharsets.UTF_16LE))
                .raw("Counted", "hello", counted("hello"));

        Map<String, Object> props = decode(info, payload);

        assertThat(props).containsExactlyEntriesOf(payload.expected());
        assertThat(props.get("Big")).isEqualTo("18446744073709551615");
    }

    @Test
    void takesLengthsAndCountsFromEarlierProperties() throws PayloadException {
        TraceEventInfoFixture info = new TraceEventInfoFixture("Test-Provider")
                .property("DataLength", TdhTypes.IN_UINT16, 0, 2)
                .add(TdhTypes.PROPERTY_PARAM_LENGTH, "Data", TdhTypes.IN_BINARY, 0, 1, 0)
                .property("PortCount", TdhTypes.IN_UINT32, 0, 4)
                .add(TdhTypes.PROPERTY_PARAM_COUNT, "Ports", TdhTypes.IN_UINT16, TdhTypes.OUT_PORT, 2, 2)
                .add(0, "Fixed", TdhTypes.IN_UINT8, 0, 3, 1);
        PayloadFixture payload = new PayloadFixture()
                .u16("DataLength", 3).raw("Data", "AQID", new byte[] {1, 2, 3})
                .u32("PortCount", 2).raw("Ports", List.of(443L, 8080L), new byte[] {1, (byte) 0xbb, 0x1f, (byte) 0x90})
                .raw("Fixed", List.of(7L, 8L, 9L), new byte[] {7, 8, 9});

        assertThat(decode(info, payload)).containsExactlyEntriesOf(payload.expected());
    }

    @Test
    void flattensStructsAndArraysOfStructsIntoMemberKeys() throws PayloadException {
        TraceEventInfoFixture info = new TraceEventInfoFixture("Test-Provider")
                .add(TdhTypes.PROPERTY_STRUCT, "Origin", 4, 2, 1, 0)
                .property("EntryCount", TdhTypes.IN_UINT32, 0, 4)
                .add(TdhTypes.PROPERTY_STRUCT | TdhTypes.PROPERTY_PARAM_COUNT, "Entries", 6, 2, 1, 0)
                .property("Tail", TdhTypes.IN_UINT8, 0, 1)
                .property("X", TdhTypes.IN_UINT16, 0, 2).property("Y", TdhTypes.IN_UINT16, 0, 2)
                .property("Key", TdhTypes.IN_UINT32, 0, 4).property("Name", TdhTypes.IN_UNICODESTRING, 0, 0)
                .topLevel(4);
        // The array's elements interleave Key and Name on the wire; the props hold one list per member.
        byte[] entries = concat(PayloadFixture.littleEndian(1, 4), utf16z("a"), PayloadFixture.littleEndian(2, 4), utf16z("bc"));
        PayloadFixture payload = new PayloadFixture()
                .u16("Origin.X", 10).u16("Origin.Y", 20).u32("EntryCount", 2)
                .raw("Entries.Key", List.of(1L, 2L), entries).raw("Entries.Name", List.of("a", "bc"), new byte[0])
                .raw("Tail", 5L, new byte[] {5});

        assertThat(decode(info, payload)).containsExactlyEntriesOf(payload.expected());
    }

    @Test
    void everyTruncationIsAPayloadExceptionButAFinalStringCutAtACharacter() throws PayloadException {
        EventSchema schema = TraceEventInfoParser.parse(TraceEventInfoFixture.kernelFileCreate().buffer());
        PayloadFixture payload = TraceEventInfoFixture.kernelFileCreatePayload();
        byte[] whole = payload.bytes();
        int fileName = payload.offset("FileName");

        for (int length = 0; length < whole.length; length++) {
            PayloadReader reader = PayloadReader.of(whole, 0, length, false);
            if (length > fileName && (length - fileName) % 2 == 0) {
                // The last field, FileName, cut at a character: an unterminated final string, which tdh.h tolerates.
                assertThat(new TdhPayloadDecoder(schema).decode(reader).get("FileName")).as("cut to " + length)
                        .isEqualTo(payload.expected().get("FileName").toString().substring(0, (length - fileName) / 2));
            } else {
                assertThatThrownBy(() -> new TdhPayloadDecoder(schema).decode(reader)).as("cut to " + length)
                        .isInstanceOf(PayloadException.class);
            }
        }
    }

    @Test
    void rejectsLengthsAndCountsBeyondTheUserData() {
        TraceEventInfoFixture info = new TraceEventInfoFixture("Test-Provider")
                .property("DataLength", TdhTypes.IN_UINT32, 0, 4)
                .add(TdhTypes.PROPERTY_PARAM_LENGTH, "Data", TdhTypes.IN_BINARY, 0, 1, 0);
        TraceEventInfoFixture counted = new TraceEventInfoFixture("Test-Provider")
                .property("Count", TdhTypes.IN_UINT32, 0, 4)
                .add(TdhTypes.PROPERTY_PARAM_COUNT, "Values", TdhTypes.IN_UINT64, 0, 0, 8);

        assertThatThrownBy(() -> decode(info, new PayloadFixture().u32("DataLength", 60_000).u32("Data", 1)))
                .isInstanceOf(PayloadException.class).hasMessageContaining("Data: its length 60000");
        assertThatThrownBy(() -> decode(counted, new PayloadFixture().u32("Count", 0xFFFF_FFFFL).u64("Values", 1)))
                .isInstanceOf(PayloadException.class).hasMessageContaining("Values");
        assertThatThrownBy(() -> decode(counted, new PayloadFixture().u32("Count", 3).u64("Values", 1)))
                .isInstanceOf(PayloadException.class).hasMessageContaining("Values: UInt64 needs 8 bytes");
    }

    @Test
    void rejectsTraceEventInfoWhoseOffsetsOrCountsLeaveTheBuffer() {
        int firstNameOffset = TRACE_EVENT_INFO.PROPERTY_ARRAY_OFFSET + 4;

        assertThatThrownBy(() -> TraceEventInfoParser.parse(
                TraceEventInfoFixture.kernelFileCreate().overrideU32(firstNameOffset, 1_000_000).buffer()))
                .isInstanceOf(PayloadException.class).hasMessageContaining("outside the");
        assertThatThrownBy(() -> TraceEventInfoParser.parse(
                TraceEventInfoFixture.kernelFileCreate().overrideU32(100, 2_000_000_000).buffer()))
                .isInstanceOf(PayloadException.class).hasMessageContaining("2000000000 properties");
        assertThatThrownBy(() -> TraceEventInfoParser.parse(
                TraceEventInfoFixture.kernelFileCreate().overrideU32(100, 40).buffer()))
                .isInstanceOf(PayloadException.class).hasMessageContaining("past its");
        int size = TraceEventInfoFixture.kernelFileCreate().buffer().limit();
        assertThatThrownBy(() -> TraceEventInfoParser.parse(
                TraceEventInfoFixture.kernelFileCreate().overrideU32(firstNameOffset, size - 1).buffer()))
                .isInstanceOf(PayloadException.class).hasMessageContaining("no NUL terminator");
        assertThatThrownBy(() -> TraceEventInfoParser.parse(ByteBuffer.allocate(64)))
                .isInstanceOf(PayloadException.class).hasMessageContaining("shorter than");
        assertThatThrownBy(() -> TraceEventInfoParser.parse(new TraceEventInfoFixture("Test-Provider")
                .add(TdhTypes.PROPERTY_STRUCT, "Loop", 0, 1, 1, 0).buffer()))
                .isInstanceOf(PayloadException.class).hasMessageContaining("not after it");
        assertThatThrownBy(() -> TraceEventInfoParser.parse(new TraceEventInfoFixture("Test-Provider")
                .add(TdhTypes.PROPERTY_PARAM_LENGTH, "Data", TdhTypes.IN_BINARY, 0, 1, 9).buffer()))
                .isInstanceOf(PayloadException.class).hasMessageContaining("property index beyond");
    }

    @Test
    void rejectsALengthThatRefersToALaterProperty() {
        TraceEventInfoFixture info = new TraceEventInfoFixture("Test-Provider")
                .add(TdhTypes.PROPERTY_PARAM_LENGTH, "Data", TdhTypes.IN_BINARY, 0, 1, 1)
                .property("DataLength", TdhTypes.IN_UINT32, 0, 4);

        assertThatThrownBy(() -> decode(info, new PayloadFixture().u32("Data", 1).u32("DataLength", 4)))
                .isInstanceOf(PayloadException.class).hasMessageContaining("no integer value before it");
    }

    private static Map<String, Object> decode(TraceEventInfoFixture info, PayloadFixture payload) throws PayloadException {
        EventSchema schema = TraceEventInfoParser.parse(info.buffer());
        byte[] bytes = payload.bytes();
        return new TdhPayloadDecoder(schema).decode(PayloadReader.of(bytes, 0, bytes.length, false));
    }

    private static byte[] systemtime(int year, int month, int day, int hour, int minute, int second, int millis) {
        int[] parts = {year, month, 4, day, hour, minute, second, millis};
        byte[] raw = new byte[16];
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(PayloadFixture.littleEndian(parts[i], 2), 0, raw, 2 * i, 2);
        }
        return raw;
    }

    private static byte[] counted(String text) {
        byte[] chars = text.getBytes(StandardCharsets.UTF_16LE);
        return concat(PayloadFixture.littleEndian(chars.length, 2), chars);
    }

    private static byte[] utf16z(String text) {
        return (text + '\0').getBytes(StandardCharsets.UTF_16LE);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
