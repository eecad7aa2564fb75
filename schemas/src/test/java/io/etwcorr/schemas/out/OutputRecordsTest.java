package io.etwcorr.schemas.out;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etwcorr.schemas.ContractExamples;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.out.AnomalyRecord.AlertProcess;
import io.etwcorr.schemas.out.AnomalyRecord.Beacon;
import io.etwcorr.schemas.out.AnomalyRecord.LineageEntry;
import io.etwcorr.schemas.out.AnomalyRecord.PatientZero;
import io.etwcorr.schemas.out.AnomalyRecord.Rule;
import io.etwcorr.schemas.out.AnomalyRecord.Threat;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutputRecordsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long T0 = 1795635067123456L;
    private static final HostField HOST = new HostField("WS-0042");
    private static final ProcessRef RUNDLL = new ProcessRef(7312, "WS-0042/seq/9981", "rundll32.exe", "C:\\Windows\\System32\\rundll32.exe");

    static AnomalyRecord anomaly() {
        ProcessRef explorer = new ProcessRef(3000, "WS-0042/seq/1200", "explorer.exe", null);
        ProcessRef winword = new ProcessRef(4400, "WS-0042/seq/8800", "winword.exe", "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE");
        ProcessRef powershell = new ProcessRef(5120, "WS-0042/seq/9012", "powershell.exe", null);
        return new AnomalyRecord(
                EcsTime.format(T0),
                EventField.networkAlert("beacon-WS-0042-9981-cdn.evil.example-1", EventField.BEACON_DETECTED,
                        EcsTime.format(T0 - 785_072_456L), EcsTime.format(T0)),
                new Rule("beacon"),
                HOST,
                new AlertProcess(RUNDLL, "rundll32.exe C:\\Users\\a\\AppData\\Local\\Temp\\x.dll,Start", powershell),
                new AnomalyRecord.Destination("203.0.113.7", 443, "cdn.evil.example", "evil.example"),
                new Beacon(60.4, 0.21, 14, 0.93, EcsTime.format(T0 - 785_072_456L), EcsTime.format(T0), 517, 190, 1, null),
                new PatientZero(winword, "first non-boundary ancestor below explorer.exe"),
                new LineageEntry[] {
                    new LineageEntry(explorer, "root"), new LineageEntry(nameOnly(winword), "parent"),
                    new LineageEntry(powershell, "parent"), new LineageEntry(nameOnly(RUNDLL), "parent")},
                Threat.commandAndControl());
    }

    private static ProcessRef nameOnly(ProcessRef process) {
        return new ProcessRef(process.pid(), process.entityId(), process.name(), null);
    }

    static ConnectionRecord connection() {
        return new ConnectionRecord(EcsTime.format(T0), EventField.connectionStart(), HOST, RUNDLL,
                new NetworkField("tcp", "outbound"), Endpoint.of("10.0.0.42", 50123, null),
                Endpoint.of("203.0.113.7", 443, "cdn.evil.example"),
                new ConnectionRecord.Dns(new ConnectionRecord.Question("cdn.evil.example"), EcsTime.format(T0 - 51_000)));
    }

    static FlowRecord flow() {
        return new FlowRecord(EcsTime.format(1795634460000000L), new FlowRecord.Bucket(EcsTime.format(1795634520000000L), 60), HOST,
                new ProcessRef(7312, "WS-0042/seq/9981", "rundll32.exe", null), new NetworkField("tcp", "outbound"),
                new Endpoint("10.0.0.42", 50123, null, 517L, 1L), new Endpoint("203.0.113.7", 443, "cdn.evil.example", 190L, 2L));
    }

    static HealthRecord health() {
        return HealthRecord.of("WS-0042", EcsTime.format(1795634460000000L), EcsTime.format(1795634520000000L),
                new HealthRecord.Counters(1200, 3, 1, 0, 880, 2, 0, 0, 0, 0, 1, 0));
    }

    static DeadLetterRecord deadLetter() {
        return DeadLetterRecord.of(null, "WS-0042", "contract_violation", "field 'seq' must be an integer >= 0, got -3",
                "{\"v\":1,\"host\":\"WS-0042\",\"seq\":-3}".getBytes(StandardCharsets.UTF_8), "etw.raw/3@1200");
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(SchemaId.ANOMALY, anomaly(), "beacon"),
                Arguments.of(SchemaId.CONNECTION, connection(), "process"),
                Arguments.of(SchemaId.FLOW, flow(), "bucket"),
                Arguments.of(SchemaId.HEALTH, health(), "interval"),
                Arguments.of(SchemaId.DEADLETTER, deadLetter(), "error"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void everyRecordTypeSerializesToValidJson(SchemaId schema, Object record, String requiredField) {
        assertThat(SchemaValidator.validate(schema, OutputJson.toJson(record))).isEmpty();
        assertThat(new String(OutputJson.toJsonBytes(record), StandardCharsets.UTF_8)).isEqualTo(OutputJson.toJson(record));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void aRecordWithoutARequiredFieldIsInvalid(SchemaId schema, Object record, String requiredField) throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(OutputJson.toJson(record));
        json.remove(requiredField);
        assertThat(SchemaValidator.validate(schema, json.toString())).singleElement().asString().contains(requiredField);
    }

    @Test
    void theAnomalyRecordHasTheContractExampleShape() throws Exception {
        assertThat(SchemaValidator.validate(SchemaId.ANOMALY, ContractExamples.anomaly())).isEmpty();
        assertThat(MAPPER.readTree(OutputJson.toJson(anomaly()))).isEqualTo(MAPPER.readTree(ContractExamples.anomaly()));
    }

    @Test
    void serializesInComponentOrderWithEcsNamesAndWithoutNulls() {
        assertThat(OutputJson.toJson(connection())).isEqualTo("{\"@timestamp\":\"2026-11-25T19:31:07.123456Z\","
                + "\"event\":{\"kind\":\"event\",\"category\":[\"network\"],\"type\":[\"connection\",\"start\"]},"
                + "\"host\":{\"name\":\"WS-0042\"},"
                + "\"process\":{\"pid\":7312,\"entity_id\":\"WS-0042/seq/9981\",\"name\":\"rundll32.exe\",\"executable\":\"C:\\\\Windows\\\\System32\\\\rundll32.exe\"},"
                + "\"network\":{\"transport\":\"tcp\",\"direction\":\"outbound\"},"
                + "\"source\":{\"ip\":\"10.0.0.42\",\"port\":50123},"
                + "\"destination\":{\"ip\":\"203.0.113.7\",\"port\":443,\"domain\":\"cdn.evil.example\"},"
                + "\"dns\":{\"question\":{\"name\":\"cdn.evil.example\"},\"resolved_at\":\"2026-11-25T19:31:07.072456Z\"}}");
    }

    @Test
    void healthRecordsNestTheirCountersUnderEtwcorrHealth() throws Exception {
        var json = MAPPER.readTree(OutputJson.toJson(health()));
        assertThat(json.at("/event/kind").asText()).isEqualTo("metric");
        assertThat(json.at("/event/dataset").asText()).isEqualTo("etwcorr.health");
        assertThat(json.at("/etwcorr/health/sequence_gaps").asLong()).isEqualTo(1);
        assertThat(json.at("/etwcorr/health/runs").asLong()).isEqualTo(1);
        assertThat(json.at("/@timestamp").asText()).isEqualTo(json.at("/interval/start").asText());
    }

    @Test
    void deadLettersKeepAPrintablePrefixOfTheOriginal() throws Exception {
        byte[] original = new byte[10_000];
        java.util.Arrays.fill(original, (byte) 'a');
        original[0] = (byte) 0xC3;
        byte[] withEmojiAtTheCut = ("a".repeat(4095) + "\uD83D\uDE00 tail").getBytes(StandardCharsets.UTF_8);
        DeadLetterRecord.DeadLetter cutInBadBytes = DeadLetterRecord.of(null, null, "invalid_utf8", "bad", original, "file.jsonl:17").etwcorr().deadletter();
        DeadLetterRecord.DeadLetter cutAtEmoji = DeadLetterRecord.of(null, null, "oversize", "big", withEmojiAtTheCut, "file.jsonl:18").etwcorr().deadletter();

        assertThat(cutInBadBytes.original()).hasSize(4096).startsWith("\uFFFDaaa");
        assertThat(cutInBadBytes.originalBytes()).isEqualTo(10_000);
        assertThat(cutAtEmoji.original()).isEqualTo("a".repeat(4095));
        String json = OutputJson.toJson(DeadLetterRecord.of(null, null, "invalid_utf8", "bad", original, "file.jsonl:17"));
        assertThat(SchemaValidator.validate(SchemaId.DEADLETTER, json)).isEmpty();
        assertThat(MAPPER.readTree(json).has("host")).isFalse();
    }
}
