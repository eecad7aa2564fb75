package io.etwcorr.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import io.etwcorr.testkit.raw.ContractRawLines;
import io.etwcorr.testkit.raw.MalformedRecords;
import io.etwcorr.testkit.raw.MalformedRecords.Malformed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The job's path (the codec streaming into a {@link StreamedRawEvent}) and the map path (the codec's
 * {@link RawEvent}, then the normalizer) give the same outcome for every record: the same event, or the
 * same dead letter (error type, reason, host and time). One sink serves all records, as in the job, so
 * nothing of one record may leak into the next.
 */
class StreamedParseEquivalenceTest {
    private static final List<Object> WRONG_VALUES = List.of("text", "", "18446744073709551616", "not an address",
            -1L, 0L, 65536L, 4_294_967_296L, Long.MAX_VALUE, Long.MIN_VALUE, 1.5, true, List.of(), List.of(1L, "a"));

    private final EventNormalizer normalizer = new EventNormalizer();
    private final StreamedRawEvent streamed = new StreamedRawEvent();

    /** What the job makes of one record: an event, or a dead letter with what ParseAndNormalize writes into it. */
    private record Outcome(EtwEvent event, String errorType, String reason, String host, long ts) {}

    /** Decodes a record for the normalizer, one way or the other. */
    private interface Decoder {
        RawEventView decode(byte[] record) throws RawEventException;
    }

    @Property(tries = 3000)
    void anyRecordGivesTheSameOutcome(@ForAll("records") byte[] record) {
        assertSameOutcome(record);
    }

    @Example
    void theContractExamplesAndTemplatesGiveTheSameEvents() {
        List<byte[]> records = new ArrayList<>();
        ContractRawLines.examples().forEach(line -> records.add(line.getBytes(StandardCharsets.UTF_8)));
        MalformedRecords.validTemplates().forEach(template -> records.add(RawEventCodec.encode(template)));
        for (byte[] record : records) {
            Outcome outcome = assertSameOutcome(record);
            assertThat(outcome.event()).as(new String(record, StandardCharsets.UTF_8)).isNotNull();
            assertThat(outcome.event().kind).isNotIn(EventKind.PASSED_OVER, EventKind.INVALID);
        }
    }

    /** Every prop of every template taken away, and set to each value of the wrong type or range. */
    @Example
    void everyPropMissingOrWrongGivesTheSameReason() {
        int deadLetters = 0;
        for (RawEvent template : MalformedRecords.validTemplates()) {
            for (String name : template.props().keySet()) {
                Map<String, Object> without = new LinkedHashMap<>(template.props());
                without.remove(name);
                deadLetters += assertSameOutcome(RawEventCodec.encode(withProps(template, without))).event() == null ? 1 : 0;
                for (Object wrong : WRONG_VALUES) {
                    Map<String, Object> props = new LinkedHashMap<>(template.props());
                    props.put(name, wrong);
                    deadLetters += assertSameOutcome(RawEventCodec.encode(withProps(template, props))).event() == null ? 1 : 0;
                }
            }
        }
        assertThat(deadLetters).as("records the normalizer refused").isGreaterThan(100);
    }

    @Example
    void propsAndEnrichmentBeforeTheEnvelopeGiveTheSameEvent() {
        String line = "{\"props\":{\"ProcessID\":7312,\"CreateTime\":5,\"ParentProcessID\":4,\"Flags\":[1,2],"
                + "\"ImageName\":\"\\\\Device\\\\x.exe\"},\"x\":{\"user\":\"CORP\\\\bob\",\"image\":7,\"cmdline\":\"x.exe /q\"},"
                + "\"v\":1,\"host\":\"WS-1\",\"run\":\"r\",\"seq\":3,\"ts\":9,\"provider\":\"microsoft-windows-kernel-process\","
                + "\"id\":1,\"ver\":0,\"pid\":4,\"tid\":1,\"pkey\":77}";
        Outcome outcome = assertSameOutcome(line.getBytes(StandardCharsets.UTF_8));

        assertThat(outcome.event().user).isEqualTo("CORP\\bob");
        assertThat(outcome.event().commandLine).isEqualTo("x.exe /q");
        assertThat(outcome.event().executable).isEqualTo("\\Device\\x.exe");
        assertThat(outcome.event().creatorStartKey).isEqualTo(77);
    }

    private Outcome assertSameOutcome(byte[] record) {
        Outcome mapped = outcome(record, bytes -> new RawEventMapView(RawEventCodec.decode(bytes)));
        Outcome streamedOutcome = outcome(record, bytes -> RawEventCodec.decode(bytes, streamed));
        assertThat(streamedOutcome).as(new String(record, StandardCharsets.UTF_8))
                .usingRecursiveComparison().isEqualTo(mapped);
        return streamedOutcome;
    }

    /** What ParseAndNormalize makes of the record. */
    private Outcome outcome(byte[] record, Decoder decoder) {
        RawEventView raw;
        try {
            raw = decoder.decode(record);
        } catch (RawEventException e) {
            return new Outcome(null, e.kind().code(), e.getMessage(), null, -1);
        }
        try {
            return new Outcome(normalizer.normalize(raw), null, null, null, -1);
        } catch (RawEventException e) {
            return new Outcome(null, "normalize", e.getMessage(), raw.envelope().host(), raw.envelope().ts());
        }
    }

    private static RawEvent withProps(RawEvent raw, Map<String, Object> props) {
        return new RawEvent(raw.v(), raw.host(), raw.run(), raw.seq(), raw.ts(), raw.provider(), raw.guid(), raw.id(),
                raw.ver(), raw.opcode(), raw.pid(), raw.tid(), props, raw.x(), raw.pkey());
    }

    /** Malformed records of every kind, valid records with one byte changed, and any text. */
    @Provide
    Arbitrary<byte[]> records() {
        Arbitrary<byte[]> oneByteChanged = Combinators.combine(Arbitraries.of(MalformedRecords.validTemplates()),
                Arbitraries.doubles().between(0, 1), Arbitraries.bytes()).as((template, where, value) -> {
                    byte[] bytes = RawEventCodec.encode(template);
                    bytes[(int) Math.min(where * bytes.length, bytes.length - 1)] = value;
                    return bytes;
                });
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(400).map(t -> t.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(Tuple.of(3, MalformedRecords.any().map(Malformed::bytes)),
                Tuple.of(2, oneByteChanged), Tuple.of(1, text));
    }
}
