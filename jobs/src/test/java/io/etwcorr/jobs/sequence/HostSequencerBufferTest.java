package io.etwcorr.jobs.sequence;

import static io.etwcorr.jobs.model.TestEvents.SECOND;
import static io.etwcorr.jobs.model.TestEvents.T0;
import static io.etwcorr.jobs.model.TestEvents.dnsAnswer;
import static io.etwcorr.jobs.model.TestEvents.heartbeat;
import static io.etwcorr.jobs.model.TestEvents.network;
import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.model.TestEvents;
import io.etwcorr.jobs.output.OutputRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sequencer's reordering buffer: what a watermark step releases, what it keeps, that it leaves
 * no state behind, and that RocksDB gives the same output as the heap.
 */
class HostSequencerBufferTest {

    private static final String HOST = "WS-0042";
    private static final long PID = 7312;
    private static final String REMOTE = "203.0.113.7";
    private static final String[] HOSTS = {"WS-0001", "WS-0002", "WS-0003"};

    private final List<KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent>> harnesses = new ArrayList<>();

    private KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> open(StateBackend backend)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        HostSequencer.operator(TestEvents.defaults()), event -> event.host, Types.STRING);
        harnesses.add(harness);
        harness.setStateBackend(backend);
        harness.setProcessingTime(0);
        harness.open();
        return harness;
    }

    @AfterEach
    void close() throws Exception {
        for (KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> harness : harnesses) {
            harness.close();
        }
    }

    @Test
    void aWatermarkStepReleasesWhatItPassedInHostOrderAndKeepsTheRestForTheNextStep() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> harness = open(new HashMapStateBackend());
        EtwEvent early = connect(0, T0 + SECOND + 100_000);
        EtwEvent laterInTheSameSecond = connect(1, T0 + SECOND + 600_000);
        EtwEvent sameTimeArrivedFirst = connect(3, T0 + SECOND + 100_000);
        send(harness, laterInTheSameSecond, sameTimeArrivedFirst, early);

        send(harness, heartbeat(HOST, 4, T0 + 11 * SECOND + 300_000, 0, 0, 0, 0)); // watermark T0 + 1.3 s
        assertThat(released(harness)).as("in (ts, run, seq) order").startsWith(early, sameTimeArrivedFirst)
                .doesNotContain(laterInTheSameSecond);
        assertThat(statesHeldBy(harness, HOST)).as("the buffer keeps the last event").contains("pending-by-second");

        send(harness, heartbeat(HOST, 5, T0 + 12 * SECOND + 500_000, 0, 0, 0, 0)); // watermark T0 + 2.5 s
        assertThat(released(harness)).filteredOn(event -> event.kind != EventKind.TICK)
                .containsExactly(early, sameTimeArrivedFirst, laterInTheSameSecond);
        assertThat(statesHeldBy(harness, HOST)).as("an empty buffer holds no state")
                .doesNotContain("pending-by-second");
    }

    @Test
    void aHostRestoredWithTheOneListBufferOfAnOlderBuildReleasesWhatItHeldAndThenDropsThatList() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> harness = open(new HashMapStateBackend());
        EtwEvent later = connect(0, T0 + SECOND + 600_000);
        EtwEvent earlier = connect(1, T0 + SECOND + 100_000);
        // What an older build left in a savepoint for the host: its clock (no per-second lists yet) and one list.
        KeyedStateBackend<Object> backend = backend(harness);
        backend.setCurrentKey(HOST);
        HostClock restored = new HostClock();
        restored.watermark = T0;
        restored.newestTs = T0 + 10 * SECOND;
        backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("clock", HostClockSerializer.INSTANCE)).update(restored);
        ListState<EtwEvent> oneList = backend.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, new ListStateDescriptor<>("pending", EtwEvent.class));
        oneList.add(later);
        oneList.add(earlier);

        send(harness, heartbeat(HOST, 2, T0 + 12 * SECOND + 500_000, 0, 0, 0, 0)); // watermark T0 + 2.5 s
        assertThat(released(harness)).filteredOn(event -> event.kind != EventKind.TICK).containsExactly(earlier, later);
        backend.setCurrentKey(HOST);
        assertThat(oneList.get()).as("the old list is read once and dropped").isNullOrEmpty();
    }

    @Test
    void rocksDbReleasesTheSameEventsAndHealthAsTheHeapAndLeavesNoBufferOrTimerBehind() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> heap = open(new HashMapStateBackend());
        KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> rocksDb =
                open(new EmbeddedRocksDBStateBackend());
        List<EtwEvent> input = shuffledFleet(new Random(20261206L));
        send(heap, input.toArray(EtwEvent[]::new));
        send(rocksDb, shuffledFleet(new Random(20261206L)).toArray(EtwEvent[]::new)); // equal, not the same objects
        assertThat(released(rocksDb)).as("before the end of input").isEqualTo(released(heap)).isNotEmpty();

        heap.processWatermark(Long.MAX_VALUE);
        rocksDb.processWatermark(Long.MAX_VALUE);

        // The backends fire the hosts' end-of-input timers in different host orders: compare host by host.
        assertThat(byHost(released(rocksDb))).isEqualTo(byHost(released(heap)));
        assertThat(released(rocksDb).stream().filter(event -> event.kind != EventKind.TICK)).as("every distinct event once").hasSize(input.stream()
                .filter(event -> event.kind != EventKind.HEARTBEAT).map(event -> event.host + '/' + event.seq)
                .distinct().toList().size());
        assertThat(healthJson(rocksDb)).containsExactlyInAnyOrderElementsOf(healthJson(heap)).isNotEmpty();
        for (String host : HOSTS) {
            assertThat(statesHeldBy(rocksDb, host)).doesNotContain("pending-by-second", "health");
        }
        assertThat(rocksDb.numEventTimeTimers()).isZero();
    }

    /**
     * Three hosts' events, each host's sent out of order within the lateness (a tenth of them 30 s
     * late instead), some twice, with a heartbeat every 20 records.
     */
    private static List<EtwEvent> shuffledFleet(Random random) {
        List<EtwEvent> input = new ArrayList<>();
        long[] seq = new long[HOSTS.length];
        for (int i = 0; i < 900; i++) {
            int h = i % HOSTS.length;
            String host = HOSTS[h];
            long ts = T0 + (i / HOSTS.length) * 400_000L;
            if (i % 20 == h) {
                input.add(heartbeat(host, seq[h]++, ts, 0, 0, 0, 0));
                continue;
            }
            long sentAt = random.nextInt(10) == 0 ? ts - 30 * SECOND : ts - random.nextInt(8_000_000);
            EtwEvent event = random.nextBoolean()
                    ? network(EventKind.TCP_SEND, host, seq[h]++, sentAt, PID + random.nextInt(3), REMOTE, 443, 512, 1)
                    : dnsAnswer(host, seq[h]++, sentAt, PID + random.nextInt(3), "cdn.example", REMOTE);
            input.add(event);
            if (random.nextInt(25) == 0) {
                input.add(event); // sent twice
            }
        }
        // Within each host, swap neighbours so that arrival order differs from event-time order.
        for (int i = HOSTS.length; i < input.size(); i += 2) {
            if (input.get(i).host.equals(input.get(i - HOSTS.length).host) && random.nextBoolean()) {
                EtwEvent swapped = input.get(i);
                input.set(i, input.get(i - HOSTS.length));
                input.set(i - HOSTS.length, swapped);
            }
        }
        return input;
    }

    private static EtwEvent connect(long seq, long ts) {
        return network(EventKind.TCP_CONNECT, HOST, seq, ts, PID, REMOTE, 443, 0, 4096);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> harness,
            EtwEvent... events) throws Exception {
        for (EtwEvent event : events) {
            harness.processElement(event, event.ts);
        }
    }

    /** What the host released for its processes (the host's own ticks, pid -1, are left out). */
    private static List<EtwEvent> released(KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> harness) {
        return harness.extractOutputValues().stream()
                .filter(event -> event.pid != -1 || event.kind != EventKind.TICK).toList();
    }

    private static Map<String, List<EtwEvent>> byHost(List<EtwEvent> events) {
        return events.stream().collect(Collectors.groupingBy(event -> event.host, Collectors.toList()));
    }

    private static List<String> healthJson(KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> harness) {
        Queue<StreamRecord<OutputRecord>> side = harness.getSideOutput(HostSequencer.HEALTH);
        return side == null ? List.of() : side.stream().map(record -> record.getValue().json).toList();
    }

    /** The names of the states that hold an entry for {@code host}, on any backend. */
    private static List<String> statesHeldBy(KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> harness,
            String host) {
        KeyedStateBackend<Object> backend = backend(harness);
        List<String> held = new ArrayList<>();
        // The buffer's lists are in the namespaces of their seconds, the others in none.
        for (String state : List.of("pending-by-second", "health", "run-windows", "active-pids")) {
            try (Stream<Tuple2<Object, Object>> keys = backend.getKeysAndNamespaces(state)) {
                if (keys.anyMatch(key -> host.equals(key.f0))) {
                    held.add(state);
                }
            }
        }
        return held;
    }

    private static KeyedStateBackend<Object> backend(KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> harness) {
        return ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
    }
}
