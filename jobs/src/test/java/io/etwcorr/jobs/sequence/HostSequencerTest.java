package io.etwcorr.jobs.sequence;

import io.etwcorr.jobs.model.TestEvents;

import static io.etwcorr.jobs.model.TestEvents.SECOND;
import static io.etwcorr.jobs.model.TestEvents.T0;
import static io.etwcorr.jobs.model.TestEvents.dnsAnswer;
import static io.etwcorr.jobs.model.TestEvents.event;
import static io.etwcorr.jobs.model.TestEvents.heartbeat;
import static io.etwcorr.jobs.model.TestEvents.network;
import static io.etwcorr.jobs.model.TestEvents.withRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.schemas.out.EcsTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostSequencerTest {

    private static final String HOST = "WS-0042";
    private static final String OTHER_HOST = "WS-0077";
    private static final long PID = 7312;
    private static final String REMOTE = "203.0.113.7";
    /**
     * State entries a host keeps after a flush: its clock (one value: watermark, newest time, idle
     * timer and last wall time), its dedupe windows and its (then empty) list of active processes.
     */
    private static final int KEPT_PER_HOST = 3;

    private KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, EtwEvent> harness;

    private void open(EtwcorrConfig.Correlation config) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                HostSequencer.operator(config), event -> event.host, Types.STRING);
        harness.open();
        harness.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(EtwEvent... events) throws Exception {
        for (EtwEvent event : events) {
            harness.processElement(event, event.ts);
        }
    }

    private void endInput() throws Exception {
        harness.processWatermark(Long.MAX_VALUE);
    }

    /** What the host released for its processes (the host's own ticks, pid -1, are left out). */
    private List<EtwEvent> released() {
        return harness.extractOutputValues().stream().filter(event -> event.pid != -1 || event.kind != EventKind.TICK).toList();
    }

    /** The watermarks of the host's own ticks, for its process table. */
    private List<Long> hostTicks() {
        return harness.extractOutputValues().stream()
                .filter(event -> event.kind == EventKind.TICK && event.pid == -1).map(event -> event.ts).toList();
    }

    /** The etw.health records emitted so far, as JSON. */
    private List<JsonNode> health() {
        Queue<StreamRecord<OutputRecord>> side = harness.getSideOutput(HostSequencer.HEALTH);
        return side == null ? List.of() : TestEvents.json(side);
    }

    private JsonNode healthOf(String host, long intervalStart) {
        return health().stream()
                .filter(record -> record.at("/host/name").asText().equals(host))
                .filter(record -> record.at("/interval/start").asText().equals(EcsTime.format(intervalStart)))
                .reduce((first, second) -> {
                    throw new AssertionError("two health records for " + host + " at " + intervalStart);
                })
                .orElseThrow(() -> new AssertionError("no health record for " + host + " at " + intervalStart
                        + " in " + health()))
                .at("/etwcorr/health");
    }

    private static EtwEvent connect(String host, long seq, long ts, long pid) {
        return network(EventKind.TCP_CONNECT, host, seq, ts, pid, REMOTE, 443, 0, 4096);
    }

    private static EtwEvent passedOver(String host, long seq, long ts) {
        return event(EventKind.PASSED_OVER, host, seq, ts, -1);
    }

    @Test
    void anEventThatArrivesBeforeAnEarlierOneIsReleasedAfterIt() throws Exception {
        open(TestEvents.defaults());
        EtwEvent answer = dnsAnswer(HOST, 1, T0 + SECOND, PID, "cdn.evil.example", REMOTE);
        EtwEvent connect = connect(HOST, 2, T0 + SECOND + 50_000, PID);

        send(connect, answer);
        assertThat(released()).as("both within the lateness").isEmpty();

        send(heartbeat(HOST, 3, T0 + 30 * SECOND, 0, 0, 0, 0));
        assertThat(released()).containsExactly(answer, connect, EtwEvent.tick(HOST, PID, T0 + 20 * SECOND));

        endInput();
        assertThat(healthOf(HOST, T0).get("late").asLong()).isZero();
        assertThat(healthOf(HOST, T0).get("received").asLong()).isEqualTo(3);
        assertThat(healthOf(HOST, T0).get("sequence_gaps").asLong()).isZero();
    }

    @Test
    void aLateEventIsCountedAndReleasedAtOnce() throws Exception {
        open(TestEvents.defaults());
        EtwEvent onTime = connect(HOST, 0, T0 + 100 * SECOND, PID);
        EtwEvent late = connect(HOST, 1, T0 + 50 * SECOND, PID + 1); // 50 s behind: beyond the 10 s lateness

        send(onTime, late);
        assertThat(released()).containsExactly(late);

        endInput();
        assertThat(released()).containsExactly(late, onTime,
                EtwEvent.tick(HOST, PID, Long.MAX_VALUE), EtwEvent.tick(HOST, PID + 1, Long.MAX_VALUE));
        assertThat(healthOf(HOST, T0).get("late").asLong()).isEqualTo(1);
        assertThat(healthOf(HOST, T0 + 60 * SECOND).get("late").asLong()).isZero();
    }

    @Test
    void aDuplicateIsDroppedAndCounted() throws Exception {
        open(TestEvents.defaults());
        EtwEvent connect = connect(HOST, 5, T0 + SECOND, PID);

        send(connect, connect(HOST, 5, T0 + SECOND, PID), heartbeat(HOST, 6, T0 + 2 * SECOND, 0, 0, 0, 0));
        endInput();

        assertThat(released()).containsExactly(connect, EtwEvent.tick(HOST, PID, Long.MAX_VALUE));
        assertThat(healthOf(HOST, T0).get("received").asLong()).isEqualTo(3);
        assertThat(healthOf(HOST, T0).get("duplicates").asLong()).isEqualTo(1);
    }

    @Test
    void recordsWithoutSequenceNumbersAreNeitherDuplicatesNorGaps() throws Exception {
        open(TestEvents.defaults());
        EtwEvent first = connect(HOST, -1, T0 + SECOND, PID);
        EtwEvent second = connect(HOST, -1, T0 + 2 * SECOND, PID);

        send(first, second, connect(HOST, 7, T0 + 3 * SECOND, PID));
        endInput();

        assertThat(released()).startsWith(first, second);
        assertThat(healthOf(HOST, T0).get("duplicates").asLong()).isZero();
        assertThat(healthOf(HOST, T0).get("sequence_gaps").asLong()).isZero();
        assertThat(healthOf(HOST, T0).get("runs").asLong()).isEqualTo(1);
    }

    @Test
    void sequenceGapsAreCountedWhenTheWindowSlidesPastThemAndWhenTheInputEnds() throws Exception {
        EtwcorrConfig.Correlation config = TestEvents.defaults();
        config.dedupeWindow = 64;
        open(config);

        send(passedOver(HOST, 0, T0 + SECOND), passedOver(HOST, 2, T0 + 2 * SECOND));
        send(passedOver(HOST, 100, T0 + 70 * SECOND)); // the window is now [37, 100]: 1 and 3..36 left it unseen
        send(passedOver(HOST, 101, T0 + 130 * SECOND)); // [38, 101]: 37 left it
        endInput(); // 38..99 are still open

        assertThat(healthOf(HOST, T0).get("sequence_gaps").asLong()).isZero();
        assertThat(healthOf(HOST, T0 + 60 * SECOND).get("sequence_gaps").asLong()).isEqualTo(1 + 34);
        assertThat(healthOf(HOST, T0 + 120 * SECOND).get("sequence_gaps").asLong()).isEqualTo(1 + 62);
    }

    @Test
    void gapsCountedAtAnIdleFlushAreNotCountedAgainLater() throws Exception {
        open(TestEvents.defaults());
        send(passedOver(HOST, 0, T0 + SECOND), passedOver(HOST, 2, T0 + 2 * SECOND));
        harness.setProcessingTime(300_000); // idle: flushed, 1 is reported missing

        send(passedOver(HOST, 3, T0 + 70 * SECOND));
        endInput();

        assertThat(healthOf(HOST, T0).get("sequence_gaps").asLong()).isEqualTo(1);
        assertThat(healthOf(HOST, T0 + 60 * SECOND).get("sequence_gaps").asLong()).as("still only 2 missing").isZero();
    }

    @Test
    void aRecordBelowTheDedupeWindowIsCountedLateOnce() throws Exception {
        EtwcorrConfig.Correlation config = TestEvents.defaults();
        config.dedupeWindow = 64;
        open(config);
        for (int seq = 0; seq < 70; seq++) {
            send(connect(HOST, seq, T0 + seq * SECOND / 2, PID));
        }

        EtwEvent straggler = connect(HOST, 3, T0 + 3 * SECOND / 2, PID);
        send(straggler); // below the window [6, 69] and behind the watermark
        endInput();

        assertThat(released()).filteredOn(event -> event.seq == 3).hasSize(2);
        assertThat(healthOf(HOST, T0).get("late").asLong()).isEqualTo(1);
    }

    @Test
    void heartbeatsReportTheIncreaseOfTheCollectorsCountersPerRun() throws Exception {
        open(TestEvents.defaults());
        send(heartbeat(HOST, 0, T0 + 10 * SECOND, 5, 1, 0, 0),
                heartbeat(HOST, 1, T0 + 20 * SECOND, 12, 1, 2, 7),
                heartbeat(HOST, 2, T0 + 70 * SECOND, 12, 3, 2, 7),
                withRun(heartbeat(HOST, 0, T0 + 80 * SECOND, 4, 0, 0, 0), "run-after-restart"));
        endInput();

        JsonNode first = healthOf(HOST, T0);
        assertThat(first.get("etw_events_lost").asLong()).isEqualTo(12);
        assertThat(first.get("etw_buffers_lost").asLong()).isEqualTo(1);
        assertThat(first.get("collector_dropped").asLong()).isEqualTo(2);
        assertThat(first.get("collector_spooled").asLong()).isEqualTo(7);
        assertThat(first.get("runs").asLong()).isEqualTo(1);
        JsonNode second = healthOf(HOST, T0 + 60 * SECOND);
        assertThat(second.get("etw_events_lost").asLong()).as("the new run's counters start at 0").isEqualTo(4);
        assertThat(second.get("etw_buffers_lost").asLong()).isEqualTo(2);
        assertThat(second.get("collector_dropped").asLong()).isZero();
        assertThat(second.get("collector_spooled").asLong()).isZero();
        assertThat(second.get("runs").asLong()).isEqualTo(1);
        assertThat(released()).as("heartbeats only move time").isEmpty();
    }

    @Test
    void invalidAndPassedOverRecordsAreCountedNotReleased() throws Exception {
        open(TestEvents.defaults());
        send(EtwEvent.invalid(HOST, TestEvents.RUN, 0, T0 + SECOND), passedOver(HOST, 1, T0 + 2 * SECOND));
        endInput();

        assertThat(released()).isEmpty();
        JsonNode counters = healthOf(HOST, T0);
        assertThat(counters.get("dead_letters").asLong()).isEqualTo(1);
        assertThat(counters.get("passed_over").asLong()).isEqualTo(1);
        assertThat(counters.get("sequence_gaps").asLong()).isZero();
    }

    @Test
    void aHostTenMinutesBehindAnotherKeepsItsOwnClock() throws Exception {
        open(TestEvents.defaults());
        long ahead = T0 + 600 * SECOND;
        EtwEvent aheadAnswer = dnsAnswer(HOST, 0, ahead + SECOND, 100, "a.example", REMOTE);
        EtwEvent behindAnswer = dnsAnswer(OTHER_HOST, 0, T0 + SECOND, 200, "b.example", REMOTE);
        EtwEvent aheadConnect = connect(HOST, 1, ahead + 2 * SECOND, 100);
        EtwEvent behindConnect = connect(OTHER_HOST, 1, T0 + 2 * SECOND, 200);

        send(aheadAnswer, behindAnswer, aheadConnect, behindConnect);
        send(heartbeat(HOST, 2, ahead + 40 * SECOND, 0, 0, 0, 0));
        assertThat(released()).containsExactly(aheadAnswer, aheadConnect, EtwEvent.tick(HOST, 100, ahead + 30 * SECOND));

        send(heartbeat(OTHER_HOST, 2, T0 + 40 * SECOND, 0, 0, 0, 0));
        assertThat(released()).endsWith(behindAnswer, behindConnect, EtwEvent.tick(OTHER_HOST, 200, T0 + 30 * SECOND));

        endInput();
        assertThat(healthOf(HOST, ahead).get("late").asLong()).isZero();
        assertThat(healthOf(OTHER_HOST, T0).get("late").asLong()).isZero();
    }

    @Test
    void aProcessIsTickedAtEachBucketBoundaryUntilItsStateCanHaveExpired() throws Exception {
        open(TestEvents.defaults());
        send(connect(HOST, 0, T0 + 5 * SECOND, PID));
        for (int minute = 1; minute <= 14; minute++) {
            send(heartbeat(HOST, minute, T0 + (60 * minute + 10) * SECOND, 0, 0, 0, 0)); // watermark: the minute
        }

        List<Long> ticks = new ArrayList<>();
        released().stream().filter(event -> event.kind == EventKind.TICK).forEach(tick -> ticks.add(tick.ts));
        // The answer TTL (600 s) plus a bucket after its last activity at 5 s: the 12th minute is the last tick.
        List<Long> expected = new ArrayList<>();
        for (int minute = 1; minute <= 12; minute++) {
            expected.add(T0 + 60 * minute * SECOND);
        }
        assertThat(ticks).isEqualTo(expected);
        // The host itself is ticked at every boundary, whether or not a process still needs it.
        List<Long> everyMinute = new ArrayList<>();
        for (int minute = 1; minute <= 14; minute++) {
            everyMinute.add(T0 + 60 * minute * SECOND);
        }
        assertThat(hostTicks()).endsWith(everyMinute.toArray(Long[]::new));
    }

    @Test
    void anIdleHostIsFlushedAfterTheConfiguredWallTimeWithoutForgettingItsProcesses() throws Exception {
        open(TestEvents.defaults());
        EtwEvent connect = connect(HOST, 0, T0 + 5 * SECOND, PID);
        send(connect);
        harness.setProcessingTime(200_000);
        send(heartbeat(HOST, 1, T0 + 6 * SECOND, 0, 0, 0, 0));

        harness.setProcessingTime(300_000); // 300 s after the first record, 100 s after the last
        assertThat(released()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(500_000);
        // Its clock moves one bucket past its newest record: the last bucket closes, the process stays known.
        assertThat(released()).containsExactly(connect, EtwEvent.tick(HOST, PID, T0 + 6 * SECOND + 60 * SECOND));
        assertThat(healthOf(HOST, T0).get("received").asLong()).isEqualTo(2);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).as("the end of input, the event-time idle rule").isEqualTo(2);
    }

    @Test
    void aHostTheFleetsClockLeftBehindIsFlushedInEventTime() throws Exception {
        open(TestEvents.defaults());
        EtwEvent connect = connect(HOST, 0, T0 + 5 * SECOND, PID);
        send(connect);
        long due = (T0 + 5 * SECOND) / 1000 + TestEvents.defaults().idleHostFlushEventSeconds * 1000;

        harness.processWatermark(due - 1);
        assertThat(released()).isEmpty();

        harness.processWatermark(due);
        assertThat(released()).containsExactly(connect, EtwEvent.tick(HOST, PID, T0 + 5 * SECOND + 60 * SECOND));
        assertThat(harness.numEventTimeTimers()).as("the end of input only").isEqualTo(1);
    }

    @Test
    void aHostThatKeptSendingIsNotFlushedWhenItsFirstEventTimeLimitPasses() throws Exception {
        open(TestEvents.defaults());
        send(connect(HOST, 0, T0 + 5 * SECOND, PID));
        send(connect(HOST, 1, T0 + 600 * SECOND, PID));
        long firstDue = (T0 + 5 * SECOND) / 1000 + TestEvents.defaults().idleHostFlushEventSeconds * 1000;

        harness.processWatermark(firstDue);

        assertThat(released()).doesNotContain(connect(HOST, 1, T0 + 600 * SECOND, PID));
        assertThat(harness.numEventTimeTimers()).as("the end of input, the idle rule pushed back").isEqualTo(2);
    }

    @Test
    void theEndOfInputReleasesEverythingAndKeepsOnlyWhatTheHostNeedsToResume() throws Exception {
        open(TestEvents.defaults());
        EtwEvent answer = dnsAnswer(HOST, 0, T0 + SECOND, PID, "cdn.evil.example", REMOTE);
        EtwEvent connect = connect(HOST, 1, T0 + 2 * SECOND, PID);
        EtwEvent other = connect(OTHER_HOST, 0, T0 + 3 * SECOND, PID);
        send(answer, connect, other);

        endInput();

        assertThat(released()).containsExactlyInAnyOrder(answer, connect, other,
                EtwEvent.tick(HOST, PID, Long.MAX_VALUE), EtwEvent.tick(OTHER_HOST, PID, Long.MAX_VALUE));
        assertThat(health()).hasSize(2);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2 * KEPT_PER_HOST);
    }
}
