package io.etwcorr.jobs.normalize;

import static io.etwcorr.jobs.normalize.RawEventFixtures.COLLECTOR;
import static io.etwcorr.jobs.normalize.RawEventFixtures.KERNEL_POINTER;
import static io.etwcorr.jobs.normalize.RawEventFixtures.TS;
import static io.etwcorr.jobs.normalize.RawEventFixtures.map;
import static io.etwcorr.jobs.normalize.RawEventFixtures.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.model.RawRecord;
import io.etwcorr.jobs.model.TestEvents;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.stream.Stream;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** EtwCorrelation-Collector 2 (coalesced transfers): normalized as the contract says, or a dead letter with a reason. */
class CoalescedTransfersNormalizerTest {
    private final EventNormalizer normalizer = new EventNormalizer();

    private static Map<String, Object> tcpWindow() {
        return map("PID", 7312L, "transport", "tcp", "saddr", "10.0.0.42", "sport", 50123L, "daddr", "::ffff:203.0.113.7",
                "dport", 443L, "connid", KERNEL_POINTER, "sent", 1003L, "recv", 4200L, "sends", 3L, "recvs", 4L,
                "first", TS, "last", TS + 170_000);
    }

    @Test
    void aTcpWindowBecomesTcpTransfers() throws Exception {
        EtwEvent event = normalizer.normalize(raw(COLLECTOR, 2, 0, -1, tcpWindow()));

        assertThat(event.kind).isEqualTo(EventKind.TCP_TRANSFERS);
        assertThat(event.pid).isEqualTo(7312);
        assertThat(event.ts).isEqualTo(TS);
        assertThat(event.lastTs).isEqualTo(TS + 170_000);
        assertThat(event.remoteIp).as("canonical, mapped IPv4 as IPv4").isEqualTo("203.0.113.7");
        assertThat(event.localIp).isEqualTo("10.0.0.42");
        assertThat(event.localPort).isEqualTo(50123);
        assertThat(event.remotePort).isEqualTo(443);
        assertThat(event.connId).isEqualTo(Long.parseUnsignedLong(KERNEL_POINTER));
        assertThat(event.sentBytes).isEqualTo(1003);
        assertThat(event.receivedBytes).isEqualTo(4200);
        assertThat(event.sends).isEqualTo(3);
        assertThat(event.receives).isEqualTo(4);
        assertThat(event.isNetworkOrDns()).isTrue();
    }

    @Test
    void aUdpWindowNeedsNoConnid() throws Exception {
        Map<String, Object> props = tcpWindow();
        props.put("transport", "udp");
        props.remove("connid");

        EtwEvent event = normalizer.normalize(raw(COLLECTOR, 2, 0, -1, props));

        assertThat(event.kind).isEqualTo(EventKind.UDP_TRANSFERS);
        assertThat(event.connId).isEqualTo(-1);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("transport", "quic", "transport must be 'tcp' or 'udp'"),
                Arguments.of("connid", null, "a tcp window needs property 'connid'"),
                Arguments.of("PID", null, "PID"),
                Arguments.of("daddr", "not-an-address", "daddr"),
                Arguments.of("dport", 70_000L, "dport"),
                Arguments.of("sent", -1L, "sent"),
                Arguments.of("recvs", "4", "recvs"),
                Arguments.of("last", TS - 1, "last"),
                Arguments.of("first", TS + 1, "the envelope ts " + TS + " must equal 'first' " + (TS + 1)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("violations")
    void aViolationIsARawEventExceptionNamingIt(String prop, Object value, String reason) {
        Map<String, Object> props = tcpWindow();
        if (value == null) {
            props.remove(prop);
        } else {
            props.put(prop, value);
        }
        if (prop.equals("first")) {
            props.put("last", TS + 2);
        }

        assertThatThrownBy(() -> normalizer.normalize(raw(COLLECTOR, 2, 0, -1, props)))
                .isInstanceOf(RawEventException.class)
                .hasMessageStartingWith(COLLECTOR + " 2: ")
                .hasMessageContaining(reason);
    }

    @Test
    void windowsWithoutTransfersOrWithBytesButNoEventsAreRejected() {
        Map<String, Object> empty = tcpWindow();
        empty.putAll(map("sent", 0L, "recv", 0L, "sends", 0L, "recvs", 0L));
        Map<String, Object> phantomBytes = tcpWindow();
        phantomBytes.put("recvs", 0L);

        assertThatThrownBy(() -> normalizer.normalize(raw(COLLECTOR, 2, 0, -1, empty)))
                .hasMessageContaining("at least one send or receive");
        assertThatThrownBy(() -> normalizer.normalize(raw(COLLECTOR, 2, 0, -1, phantomBytes)))
                .hasMessageContaining("bytes without the events that carried them");
    }

    @Test
    void aBadRecordBecomesADeadLetterWithItsReason() throws Exception {
        Map<String, Object> props = tcpWindow();
        props.put("transport", "sctp");
        RawEvent bad = raw(COLLECTOR, 2, 0, -1, props);
        RawEvent good = raw(COLLECTOR, 2, 0, -1, tcpWindow());
        try (OneInputStreamOperatorTestHarness<RawRecord, EtwEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseAndNormalize())) {
            for (RawEvent record : List.of(bad, good)) {
                harness.processElement(new RawRecord(RawEventCodec.encodeToString(record).getBytes(StandardCharsets.UTF_8),
                        "in.jsonl:1"), 0);
            }
            Queue<StreamRecord<OutputRecord>> side = harness.getSideOutput(ParseAndNormalize.DEADLETTER);
            List<JsonNode> deadLetters = TestEvents.json(side);

            assertThat(deadLetters).hasSize(1);
            assertThat(deadLetters.get(0).at("/error/message").asText()).contains("transport must be 'tcp' or 'udp'");
            assertThat(harness.extractOutputValues()).extracting(e -> e.kind)
                    .contains(EventKind.TCP_TRANSFERS).doesNotContain(EventKind.UDP_TRANSFERS);
        }
    }
}
