package io.etwcorr.jobs.network;

import static io.etwcorr.jobs.model.TestEvents.SECOND;
import static io.etwcorr.jobs.model.TestEvents.T0;
import static io.etwcorr.jobs.model.TestEvents.dnsAnswer;
import static io.etwcorr.jobs.model.TestEvents.network;
import static io.etwcorr.jobs.model.TestEvents.processStart;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.model.TestEvents;
import io.etwcorr.jobs.output.OutputRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** A connection's sends and receives, and the collector's coalesced records of them, give the same outputs. */
class CoalescedTransfersCorrelationTest {
    private static final String HOST = "WS-0042";
    private static final long PID = 7312;
    private static final String C2 = "203.0.113.7";
    private static final String NTP = "198.51.100.123";
    private static final long MS = 1_000;

    /** Connect, a TLS handshake burst, a check-in 30 s later on the kept-alive connection, disconnect; NTP over UDP. */
    private static List<EtwEvent> prologue() {
        return List.of(processStart(HOST, 0, T0, PID, 9981, "C:\\Windows\\System32\\rundll32.exe"),
                dnsAnswer(HOST, 1, T0 + SECOND, PID, "cdn.evil.example", C2),
                network(EventKind.TCP_CONNECT, HOST, 2, T0 + SECOND + 50 * MS, PID, C2, 443, 0, 4096));
    }

    private static List<EtwEvent> rawTransfers() {
        long burst = T0 + SECOND + 60 * MS;
        long checkIn = T0 + 31 * SECOND + 10 * MS;
        return List.of(
                network(EventKind.TCP_SEND, HOST, 3, burst, PID, C2, 443, 517, 4096),
                network(EventKind.TCP_RECEIVE, HOST, 4, burst + 40 * MS, PID, C2, 443, 1460, 4096),
                network(EventKind.TCP_RECEIVE, HOST, 5, burst + 41 * MS, PID, C2, 443, 1460, 4096),
                network(EventKind.TCP_RECEIVE, HOST, 6, burst + 42 * MS, PID, C2, 443, 1100, 4096),
                network(EventKind.TCP_SEND, HOST, 7, burst + 90 * MS, PID, C2, 443, 126, 4096),
                network(EventKind.TCP_SEND, HOST, 8, burst + 130 * MS, PID, C2, 443, 360, 4096),
                network(EventKind.TCP_RECEIVE, HOST, 9, burst + 170 * MS, PID, C2, 443, 180, 4096),
                network(EventKind.UDP_SEND, HOST, 10, T0 + 5 * SECOND, PID, NTP, 123, 48, -1),
                network(EventKind.UDP_RECEIVE, HOST, 11, T0 + 5 * SECOND + 20 * MS, PID, NTP, 123, 48, -1),
                network(EventKind.TCP_SEND, HOST, 12, checkIn, PID, C2, 443, 364, 4096),
                network(EventKind.TCP_RECEIVE, HOST, 13, checkIn + 80 * MS, PID, C2, 443, 182, 4096));
    }

    /** The records the collector sends for {@link #rawTransfers()}: one per connection per window. */
    private static List<EtwEvent> coalescedTransfers() {
        long burst = T0 + SECOND + 60 * MS;
        long checkIn = T0 + 31 * SECOND + 10 * MS;
        return List.of(
                transfers(EventKind.TCP_TRANSFERS, 3, burst, burst + 170 * MS, C2, 443, 4096, 517 + 126 + 360, 3,
                        1460 + 1460 + 1100 + 180, 4),
                transfers(EventKind.UDP_TRANSFERS, 4, T0 + 5 * SECOND, T0 + 5 * SECOND + 20 * MS, NTP, 123, -1, 48, 1, 48, 1),
                transfers(EventKind.TCP_TRANSFERS, 5, checkIn, checkIn + 80 * MS, C2, 443, 4096, 364, 1, 182, 1));
    }

    private static EtwEvent transfers(EventKind kind, long seq, long first, long last, String remote, int port, long connId,
            long sent, long sends, long received, long receives) {
        EtwEvent event = network(kind, HOST, seq, first, PID, remote, port, -1, connId);
        event.lastTs = last;
        event.sentBytes = sent;
        event.sends = sends;
        event.receivedBytes = received;
        event.receives = receives;
        return event;
    }

    @Test
    void connectionsFlowsAndCallbacksAreTheSameForRawAndCoalescedTransfers() throws Exception {
        Outputs raw = run(rawTransfers(), 14);
        Outputs coalesced = run(coalescedTransfers(), 6);

        assertThat(raw.callbacks).hasSize(3); // the handshake burst, NTP, the check-in
        assertThat(raw.connections).hasSize(2);
        assertThat(coalesced.connections).isEqualTo(raw.connections);
        assertThat(coalesced.flows).isEqualTo(raw.flows);
        assertThat(coalesced.callbacks).usingRecursiveFieldByFieldElementComparator().isEqualTo(raw.callbacks);
        assertThat(raw.flows).anySatisfy(flow -> assertThat(flow.at("/destination/packets").asLong()).isEqualTo(5));
        assertThat(coalesced.stateEntriesAfterEnd).isZero();
    }

    private record Outputs(List<JsonNode> connections, List<JsonNode> flows, List<Callback> callbacks,
            int stateEntriesAfterEnd) {
    }

    private static Outputs run(List<EtwEvent> transfers, long disconnectSeq) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, OutputRecord> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(new ProcessNetworkCorrelator(TestEvents.defaults()),
                        event -> event.host, Types.STRING)) {
            harness.open();
            List<EtwEvent> input = new ArrayList<>(prologue());
            input.addAll(transfers);
            input.add(network(EventKind.TCP_DISCONNECT, HOST, disconnectSeq, T0 + 32 * SECOND, PID, C2, 443, 0, 4096));
            input.add(EtwEvent.tick(HOST, PID, Long.MAX_VALUE));
            input.sort((a, b) -> Long.compare(a.ts, b.ts)); // the host sequencer's order
            for (EtwEvent event : input) {
                harness.processElement(event, event.ts);
            }
            Queue<StreamRecord<OutputRecord>> flows = harness.getSideOutput(ProcessNetworkCorrelator.FLOWS);
            Queue<StreamRecord<Callback>> callbacks = harness.getSideOutput(ProcessNetworkCorrelator.CALLBACKS);
            return new Outputs(TestEvents.jsonOf(harness.extractOutputValues()), TestEvents.json(flows),
                    callbacks.stream().map(StreamRecord::getValue).toList(), harness.numKeyedStateEntries());
        }
    }
}
