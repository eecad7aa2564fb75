package io.etwcorr.schemas.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etwcorr.schemas.ContractExamples;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.raw.RawEventException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RawEventCodecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The DNS example of the contract: the base every violation case alters. */
    private static final String DNS = ContractExamples.rawEvents().get(1);

    @Test
    void decodesTheContractExamplesIntoTypedValues() throws Exception {
        List<RawEvent> events = new ArrayList<>();
        for (String line : ContractExamples.rawEvents()) {
            events.add(RawEventCodec.decode(line));
        }
        RawEvent start = events.get(0);
        assertThat(start.host()).isEqualTo("WS-0042");
        assertThat(start.seq()).isEqualTo(17);
        assertThat(start.ts()).isEqualTo(1795633627123456L);
        assertThat(start.provider()).isEqualTo("Microsoft-Windows-Kernel-Process");
        assertThat(start.guid()).isNull();
        assertThat(start.opcode()).isNull();
        assertThat(start.propLong("ProcessID")).isEqualTo(7312L);
        assertThat(start.propString("ImageName")).isEqualTo("\\Device\\HarddiskVolume3\\Windows\\System32\\rundll32.exe");
        assertThat(start.props().keySet()).containsExactly("ProcessID", "ProcessSequenceNumber", "CreateTime",
                "ParentProcessID", "ParentProcessSequenceNumber", "SessionID", "ImageName");
        assertThat(start.enrichment("image")).isEqualTo("C:\\Windows\\System32\\rundll32.exe");
        RawEvent connect = events.get(2);
        assertThat(connect.pid()).isEqualTo(-1);
        assertThat(connect.tid()).isEqualTo(-1);
        assertThat(connect.x()).isNull();
        assertThat(connect.props().get("daddr")).isEqualTo("203.0.113.7");
    }

    @Test
    void contractExamplesRoundTripLosslesslyAndMatchTheSchema() throws Exception {
        for (String line : ContractExamples.rawEvents()) {
            RawEvent event = RawEventCodec.decode(line);
            String encoded = RawEventCodec.encodeToString(event);
            assertThat(MAPPER.readTree(encoded)).isEqualTo(MAPPER.readTree(line));
            assertThat(RawEventCodec.decode(encoded)).isEqualTo(event);
            assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, line)).isEmpty();
        }
    }

    @Test
    void mapsValuesToLongDoubleStringBooleanAndLists() throws Exception {
        RawEvent event = RawEventCodec.decode(DNS.replace("\"QueryType\":1",
                "\"QueryType\":1,\"Ratio\":0.5,\"Flag\":true,\"Big\":\"18446744073709551615\",\"Names\":[\"a\",2,2.5,false],\"Empty\":[]"));
        assertThat(event.props().get("QueryType")).isEqualTo(1L);
        assertThat(event.props().get("Ratio")).isEqualTo(0.5);
        assertThat(event.props().get("Flag")).isEqualTo(true);
        assertThat(event.props().get("Big")).isEqualTo("18446744073709551615");
        assertThat(event.props().get("Names")).isEqualTo(List.of("a", 2L, 2.5, false));
        assertThat(event.props().get("Empty")).isEqualTo(List.of());
    }

    @Test
    void ignoresUnknownEnvelopeFieldsAndAcceptsOptionalOnes() throws Exception {
        String json = "{\"future\":{\"a\":[1,{\"b\":null}]},\"guid\":\"1c95126e-7eea-49a9-a3fe-a378b03ddb4d\",\"opcode\":0,"
                + DNS.substring(1);
        RawEvent event = RawEventCodec.decode(json);
        assertThat(event.guid()).isEqualTo("1c95126e-7eea-49a9-a3fe-a378b03ddb4d");
        assertThat(event.opcode()).isZero();
        assertThat(RawEventCodec.encodeToString(event)).doesNotContain("future");
        assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, json)).isEmpty();
    }

    @Test
    void carriesTheProcessStartKeyAfterTidWhenThereIsOne() throws Exception {
        RawEvent event = RawEventCodec.decode(DNS.replace("\"tid\":7400", "\"tid\":7400,\"pkey\":844424930132017"));

        assertThat(event.pkey()).isEqualTo(844424930132017L);
        assertThat(RawEventCodec.encodeToString(event)).contains("\"tid\":7400,\"pkey\":844424930132017,\"props\":");
        assertThat(RawEventCodec.decode(DNS).pkey()).isNull();
        assertThat(RawEventCodec.encodeToString(RawEventCodec.decode(DNS))).doesNotContain("pkey");
        assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, RawEventCodec.encodeToString(event))).isEmpty();
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        String nested = "[".repeat(RawEventCodec.MAX_NESTING_DEPTH - 1) + "]".repeat(RawEventCodec.MAX_NESTING_DEPTH - 1);
        assertThat(RawEventCodec.decode("{\"future\":" + nested + "," + DNS.substring(1)).host()).isEqualTo("WS-0042");
    }

    @Test
    void encodesHandBuiltEventsWithIntegerProperties() throws Exception {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("PID", 7312);
        props.put("size", 517L);
        RawEvent event = new RawEvent(1, "h", "r", 0, 0, "p", null, 10, 0, null, -1, -1, props, null);
        assertThat(RawEventCodec.encodeToString(event))
                .isEqualTo("{\"v\":1,\"host\":\"h\",\"run\":\"r\",\"seq\":0,\"ts\":0,\"provider\":\"p\",\"id\":10,\"ver\":0,"
                        + "\"pid\":-1,\"tid\":-1,\"props\":{\"PID\":7312,\"size\":517}}");
        assertThat(RawEventCodec.decode(RawEventCodec.encode(event)).propLong("PID")).isEqualTo(7312L);
    }

    @Test
    void rejectsValuesTheContractCannotCarryWhenEncoding() {
        RawEvent event = new RawEvent(1, "h", "r", 0, 0, "p", null, 10, 0, null, -1, -1, Map.of("Bad", Double.NaN), null);
        assertThatThrownBy(() -> RawEventCodec.encode(event)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bad");
    }

    /** One broken record, the exact reason the codec must give, and whether JSON Schema can tell too. */
    record Violation(String json, String reason, boolean schemaCanTell) {
        @Override
        public String toString() {
            return reason;
        }
    }

    static Stream<Violation> violations() {
        List<Violation> cases = new ArrayList<>();
        for (String field : List.of("v", "host", "run", "seq", "ts", "provider", "id", "ver", "pid", "tid", "props")) {
            cases.add(new Violation(without(field), "missing required field '" + field + "'", true));
        }
        cases.add(breaking("\"v\":1", "\"v\":2", "field 'v' must be 1, got 2"));
        cases.add(breaking("\"v\":1", "\"v\":\"1\"", "field 'v' must be 1, got \"1\""));
        cases.add(breaking("\"host\":\"WS-0042\"", "\"host\":\"bad host\"", "field 'host' must match [A-Za-z0-9._-]{1,255}, got \"bad host\""));
        cases.add(breaking("\"host\":\"WS-0042\"", "\"host\":\"\"", "field 'host' must match [A-Za-z0-9._-]{1,255}, got \"\""));
        cases.add(breaking("\"host\":\"WS-0042\"", "\"host\":\"" + "h".repeat(256) + "\"",
                "field 'host' must match [A-Za-z0-9._-]{1,255}, got \"" + "h".repeat(64) + "…\""));
        cases.add(breaking("\"host\":\"WS-0042\"", "\"host\":\"WS\\\"0042\"", "field 'host' must match [A-Za-z0-9._-]{1,255}, got \"WS\\\"0042\""));
        cases.add(breaking("\"host\":\"WS-0042\"", "\"host\":42", "field 'host' must match [A-Za-z0-9._-]{1,255}, got 42"));
        cases.add(breaking("\"run\":\"3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10\"", "\"run\":\"\"", "field 'run' must be a non-empty string, got \"\""));
        cases.add(breaking("\"run\":\"3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10\"", "\"run\":null", "field 'run' must be a non-empty string, got null"));
        cases.add(breaking("\"seq\":18", "\"seq\":-3", "field 'seq' must be an integer >= 0, got -3"));
        cases.add(breaking("\"seq\":18", "\"seq\":1.5", "field 'seq' must be an integer >= 0, got 1.5"));
        cases.add(breaking("\"seq\":18", "\"seq\":\"18\"", "field 'seq' must be an integer >= 0, got \"18\""));
        cases.add(breaking("\"seq\":18", "\"seq\":9223372036854775808", "field 'seq' must be an integer >= 0, got 9223372036854775808"));
        cases.add(breaking("\"ts\":1795633628000000", "\"ts\":1.5", "field 'ts' must be a 64-bit integer, got 1.5"));
        cases.add(breaking("\"ts\":1795633628000000", "\"ts\":true", "field 'ts' must be a 64-bit integer, got true"));
        cases.add(breaking("\"provider\":\"Microsoft-Windows-DNS-Client\"", "\"provider\":\"\"", "field 'provider' must be a non-empty string, got \"\""));
        cases.add(breaking("\"provider\":\"Microsoft-Windows-DNS-Client\"", "\"provider\":[]", "field 'provider' must be a non-empty string, got an array"));
        cases.add(breaking("\"id\":3008", "\"id\":3008,\"guid\":\"{1c95126e-7eea-49a9-a3fe-a378b03ddb4d}\"",
                "field 'guid' must be a lower-case GUID without braces, got \"{1c95126e-7eea-49a9-a3fe-a378b03ddb4d}\""));
        cases.add(breaking("\"id\":3008", "\"id\":3008,\"guid\":\"1C95126E-7EEA-49A9-A3FE-A378B03DDB4D\"",
                "field 'guid' must be a lower-case GUID without braces, got \"1C95126E-7EEA-49A9-A3FE-A378B03DDB4D\""));
        cases.add(breaking("\"id\":3008", "\"id\":-1", "field 'id' must be an integer from 0 to 2147483647, got -1"));
        cases.add(breaking("\"ver\":0", "\"ver\":{}", "field 'ver' must be an integer from 0 to 2147483647, got an object"));
        cases.add(breaking("\"ver\":0", "\"ver\":0,\"opcode\":\"1\"", "field 'opcode' must be an integer from 0 to 2147483647, got \"1\""));
        cases.add(breaking("\"pid\":7312", "\"pid\":4294967295", "field 'pid' must be an integer from -1 to 2147483647, got 4294967295"));
        cases.add(breaking("\"tid\":7400", "\"tid\":-2", "field 'tid' must be an integer from -1 to 2147483647, got -2"));
        cases.add(breaking("\"tid\":7400", "\"tid\":7400,\"pkey\":-1", "field 'pkey' must be an integer >= 0, got -1"));
        cases.add(breaking("\"tid\":7400", "\"tid\":7400,\"pkey\":\"5\"", "field 'pkey' must be an integer >= 0, got \"5\""));
        cases.add(breaking("\"props\":{", "\"props\":[],\"p\":{", "field 'props' must be an object, got an array"));
        cases.add(breaking("\"props\":{", "\"x\":\"s\",\"props\":{", "field 'x' must be an object, got \"s\""));
        cases.add(breaking("\"QueryName\":\"cdn.evil.example\"", "\"QueryName\":null", "props.QueryName: null is not a property value"));
        cases.add(breaking("\"QueryType\":1", "\"QueryType\":1,\"X\":{}", "props.X: objects are not property values"));
        cases.add(breaking("\"QueryType\":1", "\"QueryType\":1,\"X\":[[1]]", "props.X[0]: nested arrays are not property values"));
        cases.add(breaking("\"QueryType\":1", "\"QueryType\":1,\"X\":[1,null]", "props.X[1]: null is not a property value"));
        cases.add(breaking("\"QueryType\":1", "\"QueryType\":1,\"X\":[\"a\",{}]", "props.X[1]: objects are not property values"));
        cases.add(breaking("\"QueryType\":1", "\"QueryType\":1,\"Foo\":18446744073709551615",
                "integer out of 64-bit range in props.Foo (use a decimal string)"));
        cases.add(breaking("\"QueryType\":1", "\"QueryType\":1,\"Foo\":[0,-9223372036854775809]",
                "integer out of 64-bit range in props.Foo[1] (use a decimal string)"));
        cases.add(breaking("\"props\":{", "\"x\":{\"image\":null},\"props\":{", "x.image: null is not a property value"));
        // JSON Schema has no word for these; the codec alone enforces them. (1.5e15 is an integer to JSON Schema.)
        cases.add(new Violation(DNS.replace("\"ts\":1795633628000000", "\"ts\":1.5e15"), "field 'ts' must be a 64-bit integer, got 1.5e15", false));
        cases.add(new Violation(DNS.replace("\"QueryType\":1", "\"QueryType\":1,\"Foo\":1e400"), "props.Foo: number out of double range, got 1e400", false));
        cases.add(new Violation(DNS.replace("\"seq\":18", "\"seq\":18,\"seq\":19"), "duplicate field 'seq'", false));
        cases.add(new Violation(DNS.replace("\"seq\":18", "\"more\":1,\"seq\":18,\"more\":2"), "duplicate field 'more'", false));
        cases.add(new Violation(DNS.replace("\"QueryType\":1", "\"QueryType\":1,\"QueryType\":2"), "props.QueryType: duplicate key", false));
        cases.add(new Violation("{\"future\":" + "{\"a\":".repeat(16) + "1" + "}".repeat(16) + "," + DNS.substring(1),
                "JSON nested deeper than 16 levels", false));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void eachViolationHasItsOwnReason(Violation violation) {
        assertThatThrownBy(() -> RawEventCodec.decode(violation.json()))
                .isInstanceOf(RawEventException.class)
                .hasMessage(violation.reason())
                .satisfies(e -> assertThat(((RawEventException) e).kind()).isEqualTo(Kind.CONTRACT_VIOLATION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void theSchemaRejectsWhatTheCodecRejects(Violation violation) {
        if (violation.schemaCanTell()) {
            assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, violation.json())).isNotEmpty();
        }
    }

    @Test
    void rejectsRecordsAboveTheSizeLimit() {
        byte[] oversize = (DNS.replace("\"QueryType\":1", "\"QueryType\":1,\"Pad\":\"" + "x".repeat(70001 - DNS.length() - ",\"Pad\":\"\"".length()) + "\""))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(oversize).hasSize(70001);
        assertReason(oversize, Kind.OVERSIZE, "record is 70001 bytes, above the 65536-byte limit");
    }

    @Test
    void rejectsIllFormedUtf8AndNamesTheByte() {
        byte[] prefix = "{\"v\":1,\"host\":\"WS".getBytes(StandardCharsets.UTF_8);
        assertThat(prefix).hasSize(17);
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3, '"'}, new byte[] {(byte) 0xC3})) {
            assertReason(concat(prefix, bad), Kind.INVALID_UTF8, "not valid UTF-8 (byte 0xC3 at offset 17)");
        }
        assertReason(concat(prefix, new byte[] {(byte) 0xC0, (byte) 0x80}), Kind.INVALID_UTF8, "not valid UTF-8 (byte 0xC0 at offset 17)");
        assertReason(concat(prefix, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), Kind.INVALID_UTF8, "not valid UTF-8 (byte 0xED at offset 17)");
        assertReason(concat(prefix, new byte[] {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF}), Kind.INVALID_UTF8, "not valid UTF-8 (byte 0xE0 at offset 17)");
        assertReason(concat(prefix, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}), Kind.INVALID_UTF8, "not valid UTF-8 (byte 0xF4 at offset 17)");
        assertReason(concat(prefix, new byte[] {(byte) 0xF5}), Kind.INVALID_UTF8, "not valid UTF-8 (byte 0xF5 at offset 17)");
        assertReason(concat(prefix, new byte[] {(byte) 0x80}), Kind.INVALID_UTF8, "not valid UTF-8 (byte 0x80 at offset 17)");
        assertReason(concat(prefix, new byte[] {(byte) 0xE2, (byte) 0x82, '"'}), Kind.INVALID_UTF8, "not valid UTF-8 (byte 0xE2 at offset 17)");
    }

    @Test
    void acceptsWellFormedMultiByteText() throws Exception {
        RawEvent event = RawEventCodec.decode(DNS.replace("cdn.evil.example", "café-\uD83D\uDE00-\u4E2D\u0800\uFFFD"));
        assertThat(event.propString("QueryName")).isEqualTo("café-\uD83D\uDE00-\u4E2D\u0800\uFFFD");
    }

    @Test
    void rejectsUnpairedSurrogatesInText() {
        assertThatThrownBy(() -> RawEventCodec.decode(DNS.replace("cdn.evil.example", "a\uD800b")))
                .isInstanceOf(RawEventException.class)
                .hasMessageMatching("not valid UTF-8 text \\(unpaired surrogate U\\+D800 at char index \\d+\\)");
    }

    @Test
    void givesShapeAndSyntaxReasons() {
        assertReason("[]", Kind.CONTRACT_VIOLATION, "not a JSON object");
        assertReason("null", Kind.CONTRACT_VIOLATION, "not a JSON object");
        assertReason("\"WS-0042\"", Kind.CONTRACT_VIOLATION, "not a JSON object");
        assertReason("", Kind.INVALID_JSON, "empty record");
        assertReason("  \n", Kind.INVALID_JSON, "empty record");
        assertReason(DNS + " {}", Kind.INVALID_JSON, "trailing content after the JSON object, which ends at offset " + DNS.length());
        assertReason(DNS + "x", Kind.INVALID_JSON, "trailing content after the JSON object, which ends at offset " + DNS.length());
        assertReason("{\"v\":1", Kind.INVALID_JSON,
                "not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at line 1, column 1) at line 1, column 7");
        assertReason("{\"v\":NaN}", Kind.INVALID_JSON,
                "not valid JSON: Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow at line 1, column 9");
        assertReason("{\"v\":\"\u0001\"}", Kind.INVALID_JSON,
                "not valid JSON: Illegal unquoted character ((CTRL-CHAR, code 1)): has to be escaped using backslash to be included in string value at line 1, column 7");
    }

    @Test
    void acceptsTrailingWhitespace() throws Exception {
        assertThat(RawEventCodec.decode(DNS + "\r\n").seq()).isEqualTo(18);
    }

    private static Violation breaking(String from, String to, String reason) {
        if (!DNS.contains(from)) {
            throw new IllegalArgumentException("the base record has no " + from);
        }
        return new Violation(DNS.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)), reason, true);
    }

    private static String without(String field) {
        try {
            ObjectNode record = (ObjectNode) MAPPER.readTree(DNS);
            record.remove(field);
            return MAPPER.writeValueAsString(record);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertReason(String json, Kind kind, String reason) {
        assertReason(json.getBytes(StandardCharsets.UTF_8), kind, reason);
    }

    private static void assertReason(byte[] record, Kind kind, String reason) {
        assertThatThrownBy(() -> RawEventCodec.decode(record))
                .isInstanceOf(RawEventException.class)
                .hasMessage(reason)
                .satisfies(e -> assertThat(((RawEventException) e).kind()).isEqualTo(kind));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
