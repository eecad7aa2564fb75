package io.etwcorr.jobs.sequence;

import io.etwcorr.jobs.model.TestEvents;

import static io.etwcorr.jobs.model.TestEvents.SECOND;
import static io.etwcorr.jobs.model.TestEvents.T0;
import static io.etwcorr.jobs.model.TestEvents.network;
import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.OperatorMetrics;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health counters of {@link HostSequencer} as Flink metrics: running totals over all hosts. */
class HostSequencerMetricsTest {
    private static final String HOST = "WS-0042";
    private static final String OTHER_HOST = "WS-0077";
    private static final long PID = 7312;

    private final OperatorMetrics metrics = new OperatorMetrics();
    private MockEnvironment environment;
    private KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> harness;

    @BeforeEach
    void open() throws Exception {
        environment = metrics.environment();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                HostSequencer.operator(TestEvents.defaults()),
                event -> event.host, Types.STRING, environment);
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        environment.close();
    }

    private void send(EtwEvent... events) throws Exception {
        for (EtwEvent event : events) {
            harness.processElement(event, event.ts);
        }
    }

    private static EtwEvent connect(String host, long seq, long ts) {
        return network(EventKind.TCP_CONNECT, host, seq, ts, PID, "203.0.113.7", 443, 0, 4096);
    }

    @Test
    void startsAtZero() {
        assertThat(metrics.count("lateEvents")).isZero();
        assertThat(metrics.count("sequenceGaps")).isZero();
        assertThat(metrics.count("duplicates")).isZero();
    }

    @Test
    void countsLateEventsDuplicatesAndGapsOfAllHosts() throws Exception {
        send(connect(HOST, 0, T0 + 100 * SECOND),
                connect(HOST, 1, T0 + 50 * SECOND), // 50 s behind: beyond the 10 s lateness
                connect(HOST, 1, T0 + 50 * SECOND), // the same (run, seq) again
                connect(OTHER_HOST, 0, T0 + SECOND),
                connect(OTHER_HOST, 3, T0 + 2 * SECOND)); // 1 and 2 are open, not yet gaps

        assertThat(metrics.count("lateEvents")).isEqualTo(1);
        assertThat(metrics.count("duplicates")).isEqualTo(1);
        assertThat(metrics.count("sequenceGaps")).isZero();

        harness.processWatermark(Long.MAX_VALUE); // end of input: open sequence numbers are gaps

        assertThat(metrics.count("sequenceGaps")).isEqualTo(2);
        assertThat(metrics.count("lateEvents")).isEqualTo(1);
    }
}
