package io.etwcorr.jobs.normalize;

import io.etwcorr.jobs.model.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.jobs.model.RawRecord;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.out.EcsTime;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import io.etwcorr.testkit.raw.ContractRawLines;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParseAndNormalizeTest {

    private static final String CONNECT = "{\"v\":1,\"host\":\"WS-0042\",\"run\":\"r1\",\"seq\":19,\"ts\":1795633628051000,"
            + "\"provider\":\"Microsoft-Windows-Kernel-Network\",\"id\":12,\"ver\":0,\"pid\":-1,\"tid\":-1,"
            + "\"props\":{\"PID\":7312,\"size\":0,\"daddr\":\"203.0.113.7\",\"saddr\":\"10.0.0.42\",\"dport\":443,"
            + "\"sport\":50123,\"seqnum\":0,\"connid\":4096}}";
    /** Valid JSON and envelope, but a ProcessStart without the ProcessID that normalization needs. */
    private static final String START_WITHOUT_PROCESS_ID = "{\"v\":1,\"host\":\"WS-0042\",\"run\":\"r1\",\"seq\":20,"
            + "\"ts\":1795633629000000,\"provider\":\"Microsoft-Windows-Kernel-Process\",\"id\":1,\"ver\":3,\"pid\":4,"
            + "\"tid\":8,\"props\":{\"CreateTime\":1795633629000000,\"ParentProcessID\":4}}";

    private OneInputStreamOperatorTestHarness<RawRecord, EtwEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new ParseAndNormalize());
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(String line, String origin) throws Exception {
        harness.processElement(new RawRecord(line.getBytes(StandardCharsets.UTF_8), origin), 0);
    }

    private List<JsonNode> deadLetters() {
        Queue<StreamRecord<OutputRecord>> side = harness.getSideOutput(ParseAndNormalize.DEADLETTER);
        return side == null ? List.of() : TestEvents.json(side);
    }

    private long recordsIn() {
        return (Long) harness.getOperator().getRuntimeContext().getAccumulator(ParseAndNormalize.RECORDS_IN)
                .getLocalValue();
    }

    @Test
    void aValidRecordBecomesANormalizedEvent() throws Exception {
        send(CONNECT, "in.jsonl:1");

        List<EtwEvent> events = harness.extractOutputValues();
        assertThat(events).hasSize(1);
        EtwEvent connect = events.get(0);
        assertThat(connect.kind).isEqualTo(EventKind.TCP_CONNECT);
        assertThat(connect.host).isEqualTo("WS-0042");
        assertThat(connect.seq).isEqualTo(19);
        assertThat(connect.pid).as("the PID prop, not the envelope").isEqualTo(7312);
        assertThat(connect.remoteIp).isEqualTo("203.0.113.7");
        assertThat(deadLetters()).isEmpty();
        assertThat(recordsIn()).isEqualTo(1);
    }

    /** One operator reads record after record into the same reused sink: nothing of one may reach the next. */
    @Test
    void recordAfterRecordEachEventIsWhatTheCodecsRawEventNormalizesTo() throws Exception {
        List<String> lines = new ArrayList<>(ContractRawLines.examples());
        lines.add(1, START_WITHOUT_PROCESS_ID);
        lines.add(CONNECT.substring(0, 80));
        lines.add(CONNECT);
        lines.add(lines.get(0).replace(",\"x\":{", ",\"y\":{"));
        List<EtwEvent> expected = new ArrayList<>();
        for (String line : lines) {
            try {
                expected.add(new EventNormalizer().normalize(RawEventCodec.decode(line)));
            } catch (RawEventException e) {
                // dead-lettered: the marker of a record whose host is known is checked elsewhere
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            send(lines.get(i), "in.jsonl:" + (i + 1));
        }

        List<EtwEvent> events = harness.extractOutputValues().stream().filter(e -> e.kind != EventKind.INVALID).toList();
        assertThat(events).hasSize(6).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(expected);
        assertThat(events.get(5).executable).as("no enrichment left over from the first record")
                .isEqualTo(events.get(5).image).isNotEqualTo(events.get(0).executable);
        assertThat(deadLetters()).hasSize(2);
    }

    @Test
    void aLineThatIsNoJsonGoesToTheDeadLetterOutputOnly() throws Exception {
        String truncated = CONNECT.substring(0, 80);
        send(truncated, "in.jsonl:7");

        assertThat(harness.extractOutputValues()).isEmpty();
        JsonNode deadLetter = deadLetters().get(0);
        assertThat(deadLetters()).hasSize(1);
        assertThat(deadLetter.at("/error/type").asText()).isEqualTo("invalid_json");
        assertThat(deadLetter.has("host")).as("unreadable").isFalse();
        assertThat(deadLetter.has("@timestamp")).isFalse();
        assertThat(deadLetter.at("/etwcorr/deadletter/original").asText()).isEqualTo(truncated);
        assertThat(deadLetter.at("/etwcorr/deadletter/original_bytes").asLong()).isEqualTo(80);
        assertThat(deadLetter.at("/etwcorr/deadletter/origin").asText()).isEqualTo("in.jsonl:7");
        assertThat(SchemaValidator.validate(SchemaId.DEADLETTER, deadLetter.toString())).isEmpty();
        assertThat(recordsIn()).isEqualTo(1);
    }

    @Test
    void aRecordThatCannotBeNormalizedIsDeadLetteredAndMarkedForItsHost() throws Exception {
        send(START_WITHOUT_PROCESS_ID, "etw.raw/0@12");

        JsonNode deadLetter = deadLetters().get(0);
        assertThat(deadLetter.at("/error/type").asText()).isEqualTo("normalize");
        assertThat(deadLetter.at("/error/message").asText()).contains("ProcessID");
        assertThat(deadLetter.at("/host/name").asText()).isEqualTo("WS-0042");
        assertThat(deadLetter.get("@timestamp").asText()).isEqualTo(EcsTime.format(1795633629000000L));
        assertThat(SchemaValidator.validate(SchemaId.DEADLETTER, deadLetter.toString())).isEmpty();
        assertThat(harness.extractOutputValues())
                .containsExactly(EtwEvent.invalid("WS-0042", "r1", 20, 1795633629000000L));
    }

    @Test
    void aRecordBreakingTheEnvelopeIsDeadLetteredWithoutAMarker() throws Exception {
        send(CONNECT.replace("\"v\":1", "\"v\":2"), "in.jsonl:3");

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters()).singleElement()
                .satisfies(deadLetter -> assertThat(deadLetter.at("/error/type").asText()).isEqualTo("contract_violation"));
    }
}
