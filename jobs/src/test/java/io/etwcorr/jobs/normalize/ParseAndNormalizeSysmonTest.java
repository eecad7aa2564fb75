package io.etwcorr.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etwcorr.jobs.config.InputFormat;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.model.RawRecord;
import io.etwcorr.jobs.model.TestEvents;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ParseAndNormalize} set to Sysmon input: events, and dead letters with their reasons. */
class ParseAndNormalizeSysmonTest {
    private static final String TERMINATED = """
            {"@timestamp":"2026-11-25T19:31:07.123Z","winlog":{"channel":"Microsoft-Windows-Sysmon/Operational",\
            "event_id":"5","record_id":"%s","provider_name":"Microsoft-Windows-Sysmon","computer_name":"WS-0042",\
            "event_data":{"UtcTime":"2026-11-25 19:31:07.123","ProcessGuid":"%s","ProcessId":"7312"}}}""";

    private OneInputStreamOperatorTestHarness<RawRecord, EtwEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new ParseAndNormalize(InputFormat.SYSMON));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(String record, String origin) throws Exception {
        harness.processElement(new RawRecord(record.getBytes(StandardCharsets.UTF_8), origin), 0);
    }

    private List<JsonNode> deadLetters() {
        Queue<StreamRecord<OutputRecord>> side = harness.getSideOutput(ParseAndNormalize.DEADLETTER);
        return side == null ? List.of() : TestEvents.json(side);
    }

    @Test
    void aWinlogbeatRecordBecomesAnEvent() throws Exception {
        send(TERMINATED.formatted("41", "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"), "winlogbeat/0@41");

        assertThat(harness.extractOutputValues()).singleElement().satisfies(event -> {
            assertThat(event.kind).isEqualTo(EventKind.PROCESS_STOP);
            assertThat(event.seq).isEqualTo(41);
        });
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void badEventDataIsADeadLetterAndAnInvalidMarkerSoItsRecordIdIsNoGap() throws Exception {
        send(TERMINATED.formatted("42", "pid-7312"), "winlogbeat/0@42");

        assertThat(harness.extractOutputValues()).singleElement().satisfies(event -> {
            assertThat(event.kind).isEqualTo(EventKind.INVALID);
            assertThat(event.host).isEqualTo("WS-0042");
            assertThat(event.seq).isEqualTo(42);
        });
        assertThat(deadLetters()).singleElement().satisfies(dead -> {
            assertThat(SchemaValidator.validate(SchemaId.DEADLETTER, dead.toString())).isEmpty();
            assertThat(dead.at("/host/name").asText()).isEqualTo("WS-0042");
            assertThat(dead.toString()).contains("Sysmon event 5 ProcessGuid must be a GUID, got 'pid-7312'",
                    "winlogbeat/0@42");
        });
    }

    @Test
    void aRecordWithoutEnvelopeIsOnlyADeadLetter() throws Exception {
        send("{\"message\":\"hello\"}", "winlogbeat/0@43");

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters()).singleElement().satisfies(dead -> assertThat(dead.toString())
                .contains("not an event-log record", "winlogbeat/0@43"));
    }
}
