package io.etwcorr.jobs.lineage;

import static io.etwcorr.jobs.lineage.ProcessEvents.HOUR;
import static io.etwcorr.jobs.lineage.ProcessEvents.NO_PARENT;
import static io.etwcorr.jobs.lineage.ProcessEvents.SECOND;
import static io.etwcorr.jobs.lineage.ProcessEvents.T0;
import static io.etwcorr.jobs.lineage.ProcessEvents.id;
import static io.etwcorr.jobs.lineage.ProcessEvents.rundown;
import static io.etwcorr.jobs.lineage.ProcessEvents.start;
import static io.etwcorr.jobs.lineage.ProcessEvents.startWithoutSequence;
import static io.etwcorr.jobs.lineage.ProcessEvents.stop;
import static io.etwcorr.jobs.lineage.ProcessEvents.thread;
import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.EtwEvent;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
    private final InMemoryProcessStore store = new InMemoryProcessStore();
    private final EtwcorrConfig.Lineage config = new EtwcorrConfig.Lineage();
    private int evictions;
    private ProcessTable table = new ProcessTable(store, config);

    private void apply(EtwEvent... events) throws Exception {
        for (EtwEvent event : events) {
            table.apply(event);
        }
    }

    private ProcessEntry entry(long seq) throws Exception {
        return table.entry(id(seq));
    }

    @Test
    void recordsAStartedProcessWithItsParentFromTheSequenceNumber() throws Exception {
        apply(rundown(T0, 3000, 100, "explorer.exe", 2900, NO_PARENT),
                start(T0 + SECOND, 4400, 200, "winword.exe", 3000, 100));

        ProcessEntry winword = entry(200);
        assertThat(winword.pid).isEqualTo(4400);
        assertThat(winword.name).isEqualTo("winword.exe");
        assertThat(winword.executable).isEqualTo("C:\\Windows\\System32\\winword.exe");
        assertThat(winword.commandLine).isEqualTo("winword.exe /run");
        assertThat(winword.createTime).isEqualTo(T0 + SECOND);
        assertThat(winword.exitTime).isEqualTo(-1);
        assertThat(table.parent(winword).name).isEqualTo("explorer.exe");
        assertThat(store.liveEntity(4400)).isEqualTo(id(200));
    }

    @Test
    void aTableWithoutCommandLinesStillNamesEveryProcessAndItsParent() throws Exception {
        table = new ProcessTable(store, config, false);
        apply(rundown(T0, 3000, 100, "explorer.exe", 2900, NO_PARENT),
                start(T0 + SECOND, 4400, 200, "winword.exe", 3000, 100));

        ProcessEntry winword = entry(200);
        assertThat(winword.commandLine).isNull();
        assertThat(winword.executable).isEqualTo("C:\\Windows\\System32\\winword.exe");
        assertThat(table.parent(winword).executable).isEqualTo("C:\\Windows\\System32\\explorer.exe");
    }

    @Test
    void findsTheParentByPidWhenTheEventHasNoSequenceNumbers() throws Exception {
        EtwEvent explorer = startWithoutSequence(T0, 3000, "explorer.exe", 2900);
        EtwEvent winword = startWithoutSequence(T0 + SECOND, 4400, "winword.exe", 3000);
        apply(explorer, winword);

        assertThat(table.entry(winword.entityId).parentEntityId).isEqualTo(explorer.entityId);
    }

    @Test
    void aPidHolderYoungerThanTheChildIsNotItsParent() throws Exception {
        EtwEvent child = startWithoutSequence(T0, 4400, "winword.exe", 3000);
        child.createTime = T0 - HOUR; // reported late, by a rundown say, after PID 3000 was reused
        apply(startWithoutSequence(T0 - SECOND, 3000, "notepad.exe", 2000), child);

        assertThat(table.entry(child.entityId).parentEntityId).isNull();
    }

    @Test
    void theCreatorStartingTheFirstThreadOfItsNewChildIsNoInjection() throws Exception {
        apply(start(T0, 5120, 300, "powershell.exe", 4400, 200),
                start(T0 + 1, 7312, 400, "rundll32.exe", 5120, 300),
                thread(T0 + 2, 5120, 7312));

        assertThat(entry(400).injections).isEmpty();
        assertThat(entry(400).hasThreads).isTrue();
    }

    @Test
    void aThreadFromAnotherProcessIsAnInjection() throws Exception {
        apply(start(T0, 5120, 300, "powershell.exe", 4400, 200),
                start(T0 + 1, 6000, 500, "notepad.exe", 3000, 100),
                thread(T0 + 2, 3000, 6000),
                thread(T0 + 3, 6000, 6000),
                thread(T0 + 4, 5120, 6000));

        assertThat(entry(500).injections).singleElement().satisfies(injection -> {
            assertThat(injection.injectorEntityId).isEqualTo(id(300));
            assertThat(injection.ts).isEqualTo(T0 + 4);
        });
    }

    @Test
    void theParentCreatingAThreadAfterTheFirstOneInjects() throws Exception {
        apply(start(T0, 5120, 300, "powershell.exe", 4400, 200),
                start(T0 + 1, 7312, 400, "rundll32.exe", 5120, 300),
                thread(T0 + 2, 5120, 7312),
                thread(T0 + 3, 5120, 7312));

        assertThat(entry(400).injections).extracting(injection -> injection.ts).containsExactly(T0 + 3);
    }

    @Test
    void aProcessFromTheRundownIsNoNewChild() throws Exception {
        apply(rundown(T0, 3000, 100, "explorer.exe", 2900, NO_PARENT),
                rundown(T0, 6000, 500, "notepad.exe", 3000, 100),
                thread(T0 + 1, 3000, 6000));

        assertThat(entry(500).injections).extracting(injection -> injection.injectorEntityId).containsExactly(id(100));
    }

    @Test
    void keepsOnlyTheLatestInjections() throws Exception {
        apply(start(T0, 5120, 300, "powershell.exe", 4400, 200), start(T0, 6000, 500, "notepad.exe", 3000, 100));
        for (int i = 1; i <= ProcessTable.MAX_INJECTIONS_PER_PROCESS + 10; i++) {
            apply(thread(T0 + i, 5120, 6000));
        }

        Injection[] injections = entry(500).injections;
        assertThat(injections).hasSize(ProcessTable.MAX_INJECTIONS_PER_PROCESS);
        assertThat(injections[0].ts).isEqualTo(T0 + 11);
        assertThat(injections[injections.length - 1].ts).isEqualTo(T0 + ProcessTable.MAX_INJECTIONS_PER_PROCESS + 10);
    }

    @Test
    void pidReuseMovesThePidToTheNewProcessAndKeepsTheOldOne() throws Exception {
        apply(start(T0, 5120, 300, "powershell.exe", 4400, 200),
                start(T0 + HOUR, 5120, 900, "calc.exe", 3000, 100));

        assertThat(store.liveEntity(5120)).isEqualTo(id(900));
        assertThat(entry(300).exitTime).as("its stop was lost; the reuse shows it exited").isEqualTo(T0 + HOUR);
        assertThat(entry(900).exitTime).isEqualTo(-1);
    }

    @Test
    void aStopRecordsTheExitAndFreesThePid() throws Exception {
        apply(start(T0, 5120, 300, "powershell.exe", 4400, 200), stop(T0 + SECOND, 5120, 300, "powershell.exe"));

        assertThat(entry(300).exitTime).isEqualTo(T0 + SECOND);
        assertThat(store.liveEntity(5120)).isNull();
    }

    @Test
    void aStopOfAnUnknownProcessStillNamesIt() throws Exception {
        apply(stop(T0, 5120, 300, "powershell.exe"));

        assertThat(entry(300).name).isEqualTo("powershell.exe");
        assertThat(entry(300).parentEntityId).isNull();
    }

    @Test
    void aRundownOfAKnownProcessRefreshesItButKeepsItsParent() throws Exception {
        EtwEvent started = start(T0, 5120, 300, "powershell.exe", 4400, 200);
        started.commandLine = null;
        EtwEvent laterRundown = rundown(T0 + HOUR, 5120, 300, "powershell.exe", 4400, NO_PARENT);
        laterRundown.createTime = T0;
        apply(started, laterRundown);

        assertThat(entry(300).commandLine).isEqualTo("powershell.exe /run");
        assertThat(entry(300).parentEntityId).isEqualTo(id(200));
    }

    @Test
    void threadEventsOfUnknownProcessesAreIgnored() throws Exception {
        apply(thread(T0, 5120, 7312));

        assertThat(store.processes).isEmpty();
    }

    @Test
    void retentionDropsExitedProcessesOnlyAfterTheRetentionPeriod() throws Exception {
        apply(start(T0, 3000, 100, "explorer.exe", 2900, NO_PARENT),
                start(T0, 5120, 300, "powershell.exe", 3000, 100),
                stop(T0 + SECOND, 5120, 300, "powershell.exe"));

        evictions += table.expire(T0 + SECOND + 24 * HOUR - 1);
        assertThat(store.processes).containsOnlyKeys(id(100), id(300));

        evictions += table.expire(T0 + SECOND + 24 * HOUR);
        assertThat(store.processes).containsOnlyKeys(id(100));
        assertThat(store.livePids).containsOnlyKeys(3000L);
    }

    @Test
    void theBoundEvictsTheOldestExitedProcessesFirst() throws Exception {
        config.maxProcessesPerHost = 3;
        table = new ProcessTable(store, config);
        apply(start(T0, 3000, 100, "explorer.exe", 2900, NO_PARENT),
                start(T0 + 1, 5001, 301, "a.exe", 3000, 100),
                start(T0 + 2, 5002, 302, "b.exe", 3000, 100),
                start(T0 + 3, 5003, 303, "c.exe", 3000, 100),
                start(T0 + 4, 5004, 304, "d.exe", 3000, 100),
                stop(T0 + 5, 5003, 303, "c.exe"),
                stop(T0 + 6, 5001, 301, "a.exe"));

        evictions += table.expire(T0 + 10);
        assertThat(store.processes).containsOnlyKeys(id(100), id(302), id(304));
        assertThat(evictions).as("a.exe and c.exe, still within their retention").isEqualTo(2);

        apply(start(T0 + 11, 5005, 305, "e.exe", 3000, 100));
        evictions += table.expire(T0 + 12);
        assertThat(store.processes).as("no exited one left: the oldest running goes")
                .containsOnlyKeys(id(302), id(304), id(305));
        assertThat(store.livePids).containsOnlyKeys(5002L, 5004L, 5005L);
    }

    @Test
    void anExitedStagerStaysWhileTheProcessItStartedRuns() throws Exception {
        apply(start(T0, 3000, 100, "explorer.exe", 2900, NO_PARENT),
                start(T0, 4400, 200, "winword.exe", 3000, 100),
                start(T0 + SECOND, 5120, 300, "powershell.exe", 4400, 200),
                start(T0 + 2 * SECOND, 7312, 400, "implant.exe", 5120, 300),
                stop(T0 + 3 * SECOND, 5120, 300, "powershell.exe"),
                stop(T0 + 4 * SECOND, 4400, 200, "winword.exe"));

        evictions += table.expire(T0 + 30 * HOUR);
        assertThat(store.processes).as("the implant runs: its whole chain is needed")
                .containsOnlyKeys(id(100), id(200), id(300), id(400));

        apply(stop(T0 + 31 * HOUR, 7312, 400, "implant.exe"));
        evictions += table.expire(T0 + 31 * HOUR + 24 * HOUR - 1);
        assertThat(store.processes).as("retention counts from the last descendant's exit")
                .containsOnlyKeys(id(100), id(200), id(300), id(400));
        evictions += table.expire(T0 + 31 * HOUR + 24 * HOUR);
        assertThat(store.processes).containsOnlyKeys(id(100));
        assertThat(evictions).isZero();
    }

    @Test
    void anExitedInjectorStaysWhileTheProcessItInjectedIntoRuns() throws Exception {
        apply(start(T0, 3000, 100, "explorer.exe", 2900, NO_PARENT),
                start(T0, 6000, 500, "chrome.exe", 3000, 100),
                thread(T0, 3000, 6000),
                start(T0 + SECOND, 5120, 300, "powershell.exe", 3000, 100),
                thread(T0 + SECOND, 3000, 5120),
                thread(T0 + 2 * SECOND, 5120, 6000),
                stop(T0 + 3 * SECOND, 5120, 300, "powershell.exe"));

        evictions += table.expire(T0 + 48 * HOUR);
        assertThat(store.processes).containsOnlyKeys(id(100), id(300), id(500));
        assertThat(entry(500).lastInjectionUpTo(T0 + 48 * HOUR).injectorEntityId).isEqualTo(id(300));
    }
}
