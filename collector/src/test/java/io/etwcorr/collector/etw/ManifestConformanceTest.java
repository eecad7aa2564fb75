package io.etwcorr.collector.etw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etwcorr.collector.etw.ManifestFacts.Event;
import io.etwcorr.collector.etw.ManifestFacts.Field;
import io.etwcorr.schemas.etw.EtwCatalog;
import io.etwcorr.schemas.etw.EtwProperty;
import io.etwcorr.schemas.etw.EventLayout;
import io.etwcorr.schemas.etw.WireType;
import io.etwcorr.testkit.etw.PayloadFixture;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ETW catalog and the collector's decoder checked against the providers' manifests
 * (etw/manifest-facts.txt, written from the manifests of Windows 7 to Windows 11 26H1), not
 * against the catalog's own tables: the same events, fields, order, types and pointer-size rule.
 */
class ManifestConformanceTest {
    private static final List<Event> FACTS = ManifestFacts.all();
    private static final ManifestDecoders DECODERS = ManifestDecoders.standard();
    /** 2001:db8::1. */
    private static final byte[] IPV6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    static List<Event> facts() {
        return FACTS;
    }

    static Stream<Arguments> factsAndPointerSizes() {
        return FACTS.stream().flatMap(event -> Stream.of(Arguments.of(event, false), Arguments.of(event, true)));
    }

    @Test
    void theCatalogHoldsExactlyTheEventsOfTheManifests() {
        Set<String> manifest = FACTS.stream().map(e -> e.provider() + " " + e.id() + " v" + e.version()).collect(Collectors.toSet());
        Set<String> catalog = EtwCatalog.layouts().stream()
                .map(l -> l.provider().guid() + " " + l.id() + " v" + l.version()).collect(Collectors.toSet());

        assertThat(FACTS).hasSize(manifest.size());
        assertThat(catalog).containsExactlyInAnyOrderElementsOf(manifest);
        assertThat(DECODERS.keys()).hasSameSizeAs(manifest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("facts")
    void catalogLayoutHasTheManifestFieldsInOrderWithTheirTypes(Event event) {
        EventLayout layout = EtwCatalog.find(event.provider(), event.id(), event.version());

        assertThat(layout).as(event.toString()).isNotNull();
        assertThat(layout.provider().providerName()).isEqualTo(event.providerName());
        assertThat(layout.properties()).as(event + " since " + event.since())
                .containsExactlyElementsOf(event.fields().stream().map(ManifestConformanceTest::wireType).toList());
    }

    /** The payload a host sends, laid out from the manifest alone, decodes to every field and nothing is left over. */
    @ParameterizedTest(name = "{0}, 32-bit header: {1}")
    @MethodSource("factsAndPointerSizes")
    void decoderReadsTheManifestPayloadExactly(Event event, boolean pointers32Bit) throws PayloadException {
        PayloadFixture payload = payload(event, pointers32Bit);
        byte[] bytes = payload.bytes();
        PayloadReader reader = PayloadReader.of(bytes, 0, bytes.length, pointers32Bit);
        PayloadDecoder decoder = DECODERS.find(event.provider(), event.id(), event.version());
        assertThat(decoder).as("decoder of " + event).isNotNull();

        Map<String, Object> props = decoder.decode(reader);

        assertThat(props).containsExactlyEntriesOf(payload.expected());
        assertThat(reader.remaining()).as("bytes left unread").isZero();
        PayloadReader oneByteShort = PayloadReader.of(Arrays.copyOf(bytes, bytes.length - 1), 0, bytes.length - 1, pointers32Bit);
        if (event.fields().get(event.fields().size() - 1).inType().equals("AnsiString")) {
            // Its terminator gone, a final AnsiString ends at the end of the payload with the same text (tdh.h's tolerance).
            assertThat(decoder.decode(oneByteShort)).as("one byte short").containsExactlyEntriesOf(payload.expected());
        } else {
            assertThatThrownBy(() -> decoder.decode(oneByteShort)).as("one byte short").isInstanceOf(PayloadException.class);
        }
    }

    @Test
    void pointerFieldsAreTheOnlyOnesWhoseSizeFollowsTheHeader() {
        Event threadStart = FACTS.stream().filter(e -> e.id() == 3 && e.version() == 0
                && e.providerName().equals("Microsoft-Windows-Kernel-Process")).findFirst().orElseThrow();

        assertThat(payload(threadStart, true).size()).isEqualTo(2 * 4 + 7 * 4);
        assertThat(payload(threadStart, false).size()).isEqualTo(2 * 4 + 7 * 8);
    }

    /** The wire type the contract reads a manifest field as. */
    private static EtwProperty wireType(Field field) {
        String type = field.reading() == null ? field.inType() : field.inType() + "/" + field.reading();
        WireType wire = switch (type) {
            case "UInt16" -> WireType.UINT16;
            case "UInt16/Port" -> WireType.PORT;
            case "UInt32" -> WireType.UINT32;
            case "UInt32/IPv4" -> WireType.IPV4;
            case "UInt64" -> WireType.UINT64;
            case "Pointer" -> WireType.POINTER;
            case "FILETIME" -> WireType.FILETIME;
            case "UnicodeString" -> WireType.UNICODE_STRING;
            case "AnsiString" -> WireType.ANSI_STRING;
            case "SID" -> WireType.SID;
            case "Binary/IPv6" -> WireType.IPV6;
            case "GUID" -> WireType.GUID;
            default -> throw new IllegalArgumentException(field + ": no wire type for " + type);
        };
        return new EtwProperty(field.name(), wire);
    }

    /** A payload laid out from the manifest alone, with a distinct value per field. */
    static PayloadFixture payload(Event event, boolean pointers32Bit) {
        PayloadFixture payload = new PayloadFixture(pointers32Bit);
        long value = 7;
        for (Field field : event.fields()) {
            value = value * 31 + 11;
            String name = field.name();
            switch (wireType(field).type()) {
                case UINT16 -> payload.u16(name, (int) (value & 0xffff));
                case PORT -> payload.port(name, (int) (value & 0xffff));
                case UINT32 -> payload.u32(name, value & 0xffff_ffffL);
                case IPV4 -> payload.address(name, "203.0.113.7", "203.0.113.7");
                case UINT64 -> payload.u64(name, value);
                case POINTER -> payload.pointer(name, 0xFFFF_F806_0000_0000L | value);
                case FILETIME -> payload.filetime(name, 1_795_633_627_120_001L + value);
                case UNICODE_STRING -> payload.unicode(name, name + "-" + value);
                case ANSI_STRING -> payload.ansi(name, "rundll32.exe");
                case SID -> payload.sid(name, "S-1-16-8192");
                case IPV6 -> payload.ipv6(name, IPV6, "2001:db8::1");
                case GUID -> throw new IllegalArgumentException(event + " " + field + ": no GUID field in these manifests");
            }
        }
        return payload;
    }
}
