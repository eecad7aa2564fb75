package io.etwcorr.jobs.lineage;

import static io.etwcorr.jobs.lineage.ProcessEvents.NO_PARENT;
import static io.etwcorr.jobs.lineage.ProcessEvents.SECOND;
import static io.etwcorr.jobs.lineage.ProcessEvents.T0;
import static io.etwcorr.jobs.lineage.ProcessEvents.id;
import static io.etwcorr.jobs.lineage.ProcessEvents.rundown;
import static io.etwcorr.jobs.lineage.ProcessEvents.start;
import static io.etwcorr.jobs.lineage.ProcessEvents.stop;
import static io.etwcorr.jobs.lineage.ProcessEvents.thread;
import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.EtwEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineageResolverTest {
    private static final long FIRST_CALLBACK = T0 + 10 * SECOND;

    private final ProcessTable table = new ProcessTable(new InMemoryProcessStore(), new EtwcorrConfig.Lineage());
    private LineageResolver resolver = new LineageResolver(table, new EtwcorrConfig.Lineage().boundaryProcesses);

    private void apply(EtwEvent... events) throws Exception {
        for (EtwEvent event : events) {
            table.apply(event);
        }
    }

    /** The contract's example: explorer.exe 3000 → winword.exe 4400 → powershell.exe 5120 → rundll32.exe 7312. */
    private void contractExample() throws Exception {
        apply(rundown(T0, 3000, 100, "explorer.exe", 2900, 90),
                start(T0 + 1, 4400, 200, "winword.exe", 3000, 100),
                thread(T0 + 1, 3000, 4400),
                start(T0 + 2, 5120, 300, "powershell.exe", 4400, 200),
                thread(T0 + 2, 4400, 5120),
                start(T0 + 3, 7312, 400, "rundll32.exe", 5120, 300),
                thread(T0 + 3, 5120, 7312));
    }

    private Lineage resolve(long pid, long seq) throws Exception {
        return resolver.resolve(pid, id(seq), FIRST_CALLBACK);
    }

    private static List<String> chain(Lineage lineage) {
        return lineage.links().stream().map(link -> link.process().name + "(" + link.edge().wireName() + ")").toList();
    }

    @Test
    void theContractExample() throws Exception {
        contractExample();

        Lineage lineage = resolve(7312, 400);

        assertThat(chain(lineage)).containsExactly(
                "explorer.exe(root)", "winword.exe(parent)", "powershell.exe(parent)", "rundll32.exe(parent)");
        assertThat(lineage.links()).extracting(link -> link.process().pid).containsExactly(3000L, 4400L, 5120L, 7312L);
        assertThat(lineage.links()).extracting(link -> link.process().entityId)
                .containsExactly(id(100), id(200), id(300), id(400));
        assertThat(lineage.patientZero().entityId).isEqualTo(id(200));
        assertThat(lineage.patientZeroReason()).isEqualTo("first non-boundary ancestor below explorer.exe");
        assertThat(lineage.hasInjection()).isFalse();
    }

    @Test
    void anInjectedProcessIsFollowedThroughItsInjector() throws Exception {
        contractExample();
        apply(start(T0 + 4, 6000, 500, "notepad.exe", 3000, 100),
                thread(T0 + 4, 3000, 6000),
                thread(T0 + 5, 5120, 6000));

        Lineage lineage = resolve(6000, 500);

        assertThat(chain(lineage)).containsExactly(
                "explorer.exe(root)", "winword.exe(parent)", "powershell.exe(parent)", "notepad.exe(injected)");
        assertThat(lineage.patientZero().name).isEqualTo("winword.exe");
        assertThat(lineage.hasInjection()).isTrue();
    }

    @Test
    void theLastInjectionBeforeTheFirstCallbackCounts() throws Exception {
        contractExample();
        apply(start(T0 + 4, 6000, 500, "notepad.exe", 3000, 100),
                thread(T0 + 5, 4400, 6000),
                thread(T0 + 6, 5120, 6000),
                thread(T0 + 7, 7312, 6000));

        Lineage lineage = resolver.resolve(6000, id(500), T0 + 6);

        assertThat(chain(lineage)).containsExactly(
                "explorer.exe(root)", "winword.exe(parent)", "powershell.exe(parent)", "notepad.exe(injected)");
    }

    @Test
    void anInjectionAfterTheFirstCallbackDoesNotCount() throws Exception {
        contractExample();
        apply(start(T0 + 4, 6000, 500, "notepad.exe", 3000, 100),
                thread(FIRST_CALLBACK + 1, 5120, 6000));

        Lineage lineage = resolve(6000, 500);

        assertThat(chain(lineage)).containsExactly("explorer.exe(root)", "notepad.exe(parent)");
        assertThat(lineage.hasInjection()).isFalse();
    }

    @Test
    void theFirstThreadOfANewChildIsNoInjection() throws Exception {
        contractExample();

        assertThat(resolve(7312, 400).hasInjection()).isFalse();
    }

    @Test
    void aLaterProcessWithAReusedPidDoesNotInheritTheLineage() throws Exception {
        contractExample();
        apply(start(T0 + 4, 8000, 600, "cmd.exe", 5120, 300),
                stop(T0 + 5, 5120, 300, "powershell.exe"),
                start(T0 + 6, 5120, 700, "calc.exe", 3000, 100),
                startWithoutParentSequence(T0 + 7, 9000, 800, "conhost.exe", 5120));

        assertThat(chain(resolve(5120, 700))).containsExactly("explorer.exe(root)", "calc.exe(parent)");
        assertThat(chain(resolve(9000, 800))).as("started by the new holder of PID 5120")
                .containsExactly("explorer.exe(root)", "calc.exe(parent)", "conhost.exe(parent)");
        assertThat(chain(resolve(8000, 600))).as("started before the reuse, keeps its real parent")
                .containsExactly("explorer.exe(root)", "winword.exe(parent)", "powershell.exe(parent)", "cmd.exe(parent)");
    }

    @Test
    void exitedAncestorsStillResolve() throws Exception {
        contractExample();
        apply(stop(T0 + 4, 5120, 300, "powershell.exe"), stop(T0 + 5, 4400, 200, "winword.exe"));

        Lineage lineage = resolve(7312, 400);

        assertThat(chain(lineage)).hasSize(4);
        assertThat(lineage.patientZero().name).isEqualTo("winword.exe");
    }

    @Test
    void anUnknownParentEndsTheChainAtTheOldestKnownAncestor() throws Exception {
        apply(start(T0, 5120, 300, "powershell.exe", 4400, 200),
                start(T0 + 1, 7312, 400, "rundll32.exe", 5120, 300));

        Lineage lineage = resolve(7312, 400);

        assertThat(chain(lineage)).containsExactly("powershell.exe(root)", "rundll32.exe(parent)");
        assertThat(lineage.patientZero().name).isEqualTo("powershell.exe");
        assertThat(lineage.patientZeroReason()).isEqualTo("oldest known ancestor (parent unknown)");
    }

    @Test
    void anAlertingProcessWithAnUnknownParentIsItsOwnPatientZero() throws Exception {
        apply(start(T0, 7312, 400, "rundll32.exe", 5120, 300));

        Lineage lineage = resolve(7312, 400);

        assertThat(chain(lineage)).containsExactly("rundll32.exe(root)");
        assertThat(lineage.patientZero().name).isEqualTo("rundll32.exe");
        assertThat(lineage.patientZeroReason()).isEqualTo("the alerting process itself (parent unknown)");
    }

    @Test
    void aProcessTheTableNeverSawIsNamedByPidAndEntityId() throws Exception {
        Lineage lineage = resolve(7312, 400);

        assertThat(lineage.links()).singleElement().satisfies(link -> {
            assertThat(link.process().pid).isEqualTo(7312);
            assertThat(link.process().entityId).isEqualTo(id(400));
            assertThat(link.process().name).isNull();
            assertThat(link.edge()).isEqualTo(Edge.ROOT);
        });
        assertThat(lineage.patientZero().entityId).isEqualTo(id(400));
    }

    @Test
    void aLoopInTheParentChainEndsTheChain() throws Exception {
        apply(start(T0, 5120, 300, "powershell.exe", 7312, 400),
                start(T0 + 1, 7312, 400, "rundll32.exe", 5120, 300));

        Lineage lineage = resolve(7312, 400);

        assertThat(chain(lineage)).containsExactly("powershell.exe(root)", "rundll32.exe(parent)");
        assertThat(lineage.patientZeroReason()).isEqualTo("oldest known ancestor (parent chain loops)");
    }

    @Test
    void aProcessThatIsItsOwnParentIsItsOwnPatientZero() throws Exception {
        apply(start(T0, 7312, 400, "rundll32.exe", 7312, 400));

        Lineage lineage = resolve(7312, 400);

        assertThat(chain(lineage)).containsExactly("rundll32.exe(root)");
        assertThat(lineage.patientZeroReason()).isEqualTo("the alerting process itself (parent chain loops)");
    }

    @Test
    void theWalkStopsAtTheDepthLimit() throws Exception {
        int processes = LineageResolver.MAX_DEPTH + 20;
        for (int i = 1; i <= processes; i++) {
            apply(start(T0 + i, 1000 + i, i, "stage" + i + ".exe", 999 + i, i - 1));
        }

        Lineage lineage = resolve(1000 + processes, processes);

        assertThat(lineage.links()).hasSize(LineageResolver.MAX_DEPTH);
        assertThat(lineage.links().get(0).process().name).isEqualTo("stage" + (processes - LineageResolver.MAX_DEPTH + 1) + ".exe");
        assertThat(lineage.links().get(0).edge()).isEqualTo(Edge.ROOT);
        assertThat(lineage.patientZeroReason()).isEqualTo("oldest known ancestor (lineage depth limit 64 reached)");
    }

    @Test
    void anAlertingProcessStartedByExplorerIsItsOwnPatientZero() throws Exception {
        contractExample();

        Lineage lineage = resolve(4400, 200);

        assertThat(lineage.patientZero().name).isEqualTo("winword.exe");
        assertThat(lineage.patientZeroReason()).isEqualTo("the alerting process itself (parent explorer.exe is a boundary)");
    }

    @Test
    void anInjectedProcessWhoseInjectorIsABoundaryIsItsOwnPatientZero() throws Exception {
        contractExample();
        apply(rundown(T0, 700, 70, "csrss.exe", 600, NO_PARENT), thread(T0 + 5, 700, 7312));

        Lineage lineage = resolve(7312, 400);

        assertThat(chain(lineage)).containsExactly("csrss.exe(root)", "rundll32.exe(injected)");
        assertThat(lineage.patientZeroReason()).isEqualTo("the alerting process itself (injector csrss.exe is a boundary)");
    }

    @Test
    void aChainWithoutBoundaryLeadsToItsOldestProcess() throws Exception {
        apply(start(T0, 4400, 200, "winword.exe", 3000, 100),
                start(T0 + 1, 5120, 300, "powershell.exe", 4400, 200),
                start(T0 + 2, 7312, 400, "rundll32.exe", 5120, 300));

        assertThat(resolve(7312, 400).patientZero().name).isEqualTo("winword.exe");
    }

    @Test
    void theFirstBoundaryFromTheAlertingProcessCounts() throws Exception {
        apply(rundown(T0, 600, 60, "services.exe", 500, NO_PARENT),
                rundown(T0, 800, 80, "svchost.exe", 600, 60),
                start(T0 + 1, 4400, 200, "wmiprvse.exe", 800, 80),
                start(T0 + 2, 7312, 400, "rundll32.exe", 4400, 200));

        Lineage lineage = resolve(7312, 400);

        assertThat(lineage.patientZero().name).isEqualTo("wmiprvse.exe");
        assertThat(lineage.patientZeroReason()).isEqualTo("first non-boundary ancestor below svchost.exe");
    }

    @Test
    void anAlertingBoundaryProcessIsStillWalkedUp() throws Exception {
        contractExample();
        apply(start(T0 + 4, 8800, 880, "svchost.exe", 600, NO_PARENT), thread(T0 + 5, 5120, 8800));

        Lineage lineage = resolve(8800, 880);

        assertThat(chain(lineage)).endsWith("powershell.exe(parent)", "svchost.exe(injected)");
        assertThat(lineage.patientZero().name).isEqualTo("winword.exe");
    }

    @Test
    void boundaryNamesMatchWhateverTheCase() throws Exception {
        resolver = new LineageResolver(table, List.of("EXPLORER.EXE"));
        apply(rundown(T0, 3000, 100, "Explorer.EXE", 2900, NO_PARENT),
                start(T0 + 1, 4400, 200, "WINWORD.EXE", 3000, 100),
                start(T0 + 2, 7312, 400, "rundll32.exe", 4400, 200));

        Lineage lineage = resolve(7312, 400);

        assertThat(lineage.patientZero().name).isEqualTo("WINWORD.EXE");
        assertThat(lineage.patientZeroReason()).isEqualTo("first non-boundary ancestor below Explorer.EXE");
    }

    @Test
    void theBoundaryListIsConfigurable() throws Exception {
        resolver = new LineageResolver(table, List.of("winword.exe"));
        contractExample();

        assertThat(resolve(7312, 400).patientZero().name).isEqualTo("powershell.exe");
    }

    @Test
    void theSystemProcessIsABoundary() throws Exception {
        apply(rundown(T0, 4, 1, "System", 0, NO_PARENT),
                start(T0 + 1, 7312, 400, "rundll32.exe", 4, 1));

        assertThat(resolve(7312, 400).patientZeroReason())
                .isEqualTo("the alerting process itself (parent System is a boundary)");
    }

    private static EtwEvent startWithoutParentSequence(long at, long pid, long seq, String name, long parentPid) {
        return start(at, pid, seq, name, parentPid, NO_PARENT);
    }
}
