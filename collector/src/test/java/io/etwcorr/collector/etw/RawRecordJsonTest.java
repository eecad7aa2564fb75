package io.etwcorr.collector.etw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etwcorr.collector.etw.ManifestFacts.Event;
import io.etwcorr.schemas.etw.EtwCatalog;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.testkit.etw.PayloadFixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The collector's direct encode writes the bytes the raw codec (Jackson) writes for the same
 * record: props decoded from every catalog layout (compared with the codec's encoding of the
 * fixture's expected props map, the values the decoder produced before it wrote JSON directly),
 * and the generic maps of TDH-decoded events and collector records.
 */
class RawRecordJsonTest {
    private static final String HOST = "WS-0042";
    private static final String RUN = "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10";
    /** Text a UnicodeString may hold: JSON escapes, control characters, DEL, 2-, 3- and 4-byte UTF-8, a lone surrogate. */
    private static final String AWKWARD_TEXT = "\\Device\\Harddisk \"Volume\"\t\n\r\b\f\u0001\u001f\u007f/é中😀\ud800x\u2028";

    static Stream<Arguments> layoutPayloads() {
        List<Arguments> cases = new ArrayList<>();
        for (LayoutFixture fixture : LayoutFixtures.all()) {
            cases.add(Arguments.of(fixture.label(), fixture.key(), fixture.payload()));
        }
        for (Event event : ManifestFacts.all()) {
            for (boolean pointers32Bit : new boolean[] {false, true}) {
                cases.add(Arguments.of("manifest " + event + (pointers32Bit ? " (32-bit header)" : ""),
                        new EventKey(event.provider(), event.id(), event.version()),
                        ManifestConformanceTest.payload(event, pointers32Bit)));
            }
        }
        cases.add(Arguments.of("ProcessStart v0, awkward ImageName", new EventKey(EtwProvider.KERNEL_PROCESS.guid(), 1, 0),
                new PayloadFixture().u32("ProcessID", 7312).filetime("CreateTime", 1_795_633_627_120_001L)
                        .u32("ParentProcessID", 5120).u32("SessionID", 1)
                        .raw("ImageName", AWKWARD_TEXT.replace('\ud800', '\ufffd'), utf16Terminated(AWKWARD_TEXT))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layoutPayloads")
    void decodedPropsEncodeAsTheCodecEncodesThePropsMap(String label, EventKey key, PayloadFixture payload)
            throws PayloadException {
        LayoutDecoder decoder = new LayoutDecoder(EtwCatalog.find(key.provider(), key.id(), key.version()));

        DecodedProps direct = decoder.decode(reader(payload));
        LinkedHashMap<String, Object> boxed = payload.expected();

        assertThat(direct).containsExactlyEntriesOf(boxed);
        String expected = RawEventCodec.encodeToString(event(key, boxed, null));
        assertThat(encode(event(key, direct, null))).isEqualTo(expected);
        assertThat(encode(event(key, direct, Map.of("image", "C:\\Windows\\System32\\rundll32.exe"))))
                .isEqualTo(RawEventCodec.encodeToString(event(key, boxed, Map.of("image", "C:\\Windows\\System32\\rundll32.exe"))));
    }

    @Test
    void genericPropsEncodeAsTheCodecEncodesThem() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("text", AWKWARD_TEXT);
        props.put("empty", "");
        props.put("long", Long.MAX_VALUE);
        props.put("min", Long.MIN_VALUE);
        props.put("negative", -42L);
        props.put("int", 7);
        props.put("short", (short) -3);
        props.put("byte", (byte) 9);
        props.put("double", 0.1);
        props.put("float", 1.5f);
        props.put("tiny", 1e-300);
        props.put("yes", true);
        props.put("no", false);
        props.put("list", List.of("a", 1L, true, 2.5));
        props.put("emptyList", List.of());
        props.put("ключ \"quoted\"", "value");
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("cmdline", "rundll32.exe \"C:\\x.dll\",Start");
        x.put("user", "CORP\\a");
        RawEvent full = new RawEvent(1, HOST, RUN, Long.MAX_VALUE, -1, "Some-Provider \"x\"", null, 65535, 255, 0, -1, -1,
                props, x, 844_424_930_132_017L);
        RawEvent minimal = new RawEvent(1, HOST, RUN, 0, 0, "EtwCorrelation-Collector", null, 1, 0, null, 4, 5, Map.of(), null);

        assertThat(encode(full)).isEqualTo(RawEventCodec.encodeToString(full));
        assertThat(encode(minimal)).isEqualTo(RawEventCodec.encodeToString(minimal));
    }

    /** The writer remembers envelope strings it wrote; records of other hosts and runs in between change nothing. */
    @Test
    void recordsOfManyHostsAndRunsInTurnEncodeAsTheCodecEncodesThem() {
        List<RawEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(new RawEvent(1, "WS-" + (i % 20), i % 3 == 0 ? RUN : "run-" + i, i, i, "Provider-" + (i % 18),
                    i % 2 == 0 ? null : "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e71" + (i % 10), 1, 0, null, 4, 5, Map.of("n", (long) i),
                    null));
        }
        for (int round = 0; round < 2; round++) {
            for (RawEvent event : events) {
                assertThat(encode(event)).isEqualTo(RawEventCodec.encodeToString(event));
            }
        }
    }

    @Test
    void aValueTheContractCannotCarryIsAClearError() {
        RawEvent event = new RawEvent(1, HOST, RUN, 0, 0, "P", null, 1, 0, null, 4, 5, Map.of("nan", Double.NaN), null);

        assertThatThrownBy(() -> RawRecordJson.encode(event)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nan'");
    }

    @Test
    void aRecordLargerThanTheBufferIsWrittenWhole() {
        RawEvent large = new RawEvent(1, HOST, RUN, 0, 0, "P", null, 1, 0, null, 4, 5, Map.of("big", "é".repeat(40_000)), null);

        assertThat(encode(large)).isEqualTo(RawEventCodec.encodeToString(large));
        RawEvent small = new RawEvent(1, HOST, RUN, 1, 0, "P", null, 1, 0, null, 4, 5, Map.of("small", 1L), null);
        assertThat(encode(small)).isEqualTo(RawEventCodec.encodeToString(small));
    }

    private static RawEvent event(EventKey key, Map<String, Object> props, Map<String, Object> x) {
        EtwProvider provider = EtwProvider.values()[0];
        for (EtwProvider candidate : EtwProvider.values()) {
            if (candidate.guid().equals(key.provider())) {
                provider = candidate;
            }
        }
        return new RawEvent(1, HOST, RUN, 17, 1_795_633_627_123_456L, provider.providerName(), guidText(key.provider()),
                key.id(), key.version(), 11, 5120, 6000, props, x);
    }

    private static String guidText(UUID guid) {
        return guid.toString();
    }

    private static PayloadReader reader(PayloadFixture payload) {
        byte[] bytes = payload.bytes();
        return PayloadReader.of(bytes, 0, bytes.length, payload.pointers32Bit());
    }

    /** UTF-16LE code unit by code unit, so a lone surrogate reaches the payload as it is. */
    private static byte[] utf16Terminated(String text) {
        byte[] bytes = new byte[2 * text.length() + 2];
        for (int i = 0; i < text.length(); i++) {
            bytes[2 * i] = (byte) text.charAt(i);
            bytes[2 * i + 1] = (byte) (text.charAt(i) >> 8);
        }
        return bytes;
    }

    private static String encode(RawEvent event) {
        return new String(RawRecordJson.encode(event), StandardCharsets.UTF_8);
    }
}
