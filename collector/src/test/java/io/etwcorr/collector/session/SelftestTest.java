package io.etwcorr.collector.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etwcorr.collector.etw.EtwConstants;
import io.etwcorr.collector.selftest.Selftest;
import io.etwcorr.collector.selftest.SelftestCheck;
import io.etwcorr.collector.selftest.SelftestReport;
import io.etwcorr.collector.selftest.StimulusReport;
import io.etwcorr.testkit.etw.EtwEventFixture;
import io.etwcorr.testkit.etw.EtwEventFixtures;
import io.etwcorr.testkit.etw.ExtendedDataItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The self-test's session handling and checks against the fake session: EVENT_RECORDs laid out in
 * native memory (testkit) for what a stimulus reports it did, decoded by the collector's decoders.
 */
class SelftestTest {
    private static final int OWN = (int) ProcessHandle.current().pid();
    private static final int CHILD = 40_404;
    private static final int OTHER = 5_120;
    private static final int LISTENER_PORT = 49_152;
    private static final int CLIENT_PORT = 50_001;
    private static final long OWN_SEQUENCE = 777;
    /** This process's start key, as ETW would put it on the ProcessStart of a process it creates. */
    private static final long OWN_START_KEY = 0x0002_0000_0000_0309L;
    private static final long CHILD_SEQUENCE = 778;
    private static final String LOOPBACK = "127.0.0.1";
    private static final String NAME = "selftest.example";
    private static final String CMD = "\\Device\\HarddiskVolume3\\Windows\\System32\\cmd.exe";
    private static final String WINDOWS = "Windows 11 Pro 23H2, build 22631.3447";
    private static final StimulusReport DONE = new StimulusReport(OWN, NAME, List.of("192.0.2.10"), LOOPBACK, LISTENER_PORT,
            CLIENT_PORT, 1_000, 2_000, CHILD, "cmd.exe", 3);
    private static final List<String> CHECKS = List.of("session mode", "no events lost", "record numbering", "dns lookup",
            "dns answer", "tcp connect", "tcp accept", "bytes sent to the listener", "bytes received from the listener",
            "process start", "process stop", "parent sequence number", "process start key");

    @Test
    void passesWhenTheDecodedEventsShowWhatTheProcessDid() throws Exception {
        FakeEtwApi api = new FakeEtwApi(matchingEvents());
        AtomicBoolean acted = new AtomicBoolean();

        SelftestReport report = new Selftest(api, EventRecordDecoder.standard(), () -> {
            acted.set(api.calls.contains("open " + Selftest.SESSION_NAME));
            return DONE;
        }, Duration.ZERO, Duration.ofSeconds(10)).run(WINDOWS);

        assertThat(acted).as("the stimulus acts once the trace is open").isTrue();
        assertThat(report.checks()).extracting(SelftestCheck::name).containsExactlyElementsOf(CHECKS);
        assertThat(report.checks()).allSatisfy(check -> assertThat(check.passed()).as(check.toString()).isTrue());
        assertThat(report.passed()).isTrue();
        assertThat(detail(report, "bytes received from the listener")).isEqualTo("2000 of 2000 bytes in 2 event(s) id 11 on port 50001");
        assertThat(detail(report, "record numbering")).startsWith("14 records of one run, seq 0..13");
        assertThat(report.versionsSeen().get("Microsoft-Windows-Kernel-Network")).hasToString("{10=[0], 11=[0], 12=[0], 15=[0]}");
        assertThat(report.render())
                .startsWith("etwcorr collector selftest on " + WINDOWS + ", pid " + OWN)
                .contains("tcp accept", "PASS")
                .containsPattern("Microsoft-Windows-Kernel-Process +1 v3, 2 v2\n")
                .endsWith("13 of 13 checks passed: this host's events decode as the jobs expect.\n");
        assertThat(api.calls).startsWith("start " + Selftest.SESSION_NAME).contains("close")
                .endsWith("stop " + Selftest.SESSION_NAME);
        assertThat(api.count("stop " + Selftest.SESSION_NAME)).isEqualTo(1);
    }

    static Stream<Arguments> wrongEvents() {
        return Stream.of(
                Arguments.of("process start", replacing(1, CHILD, EtwEventFixtures.processStartV3(OTHER, CHILD, CHILD_SEQUENCE,
                        OWN_SEQUENCE, CMD).withExtendedData(ExtendedDataItem.processStartKey(OWN_START_KEY))),
                        "parent 5120; expected cmd.exe, parent " + OWN),
                Arguments.of("process start key", replacing(1, CHILD, EtwEventFixtures.processStartV3(OWN, CHILD, CHILD_SEQUENCE,
                        OWN_SEQUENCE, CMD)), "has no PROCESS_START_KEY extended data item"),
                Arguments.of("process stop", replacing(2, CHILD, EtwEventFixtures.processStopV2(CHILD, 9_999, 3)),
                        "sequence number 9999 (start: 778)"),
                Arguments.of("parent sequence number", replacing(1, OWN, null), "not seen (no start or rundown of pid " + OWN + ")"),
                Arguments.of("bytes sent to the listener", replacing(10, OWN, EtwEventFixtures.transferV4(10, OWN, 1, 900,
                        LOOPBACK, CLIENT_PORT, LOOPBACK, LISTENER_PORT)), "900 of 1000 bytes"),
                Arguments.of("tcp accept", replacing(15, OWN, EtwEventFixtures.connectV4(15, OWN, 2, LOOPBACK, CLIENT_PORT,
                        LOOPBACK, LISTENER_PORT)), "seen: [127.0.0.1:50001 -> 127.0.0.1:49152]"),
                Arguments.of("dns answer", replacing(3008, OWN, EtwEventFixtures.dnsQueryCompleted(OWN, NAME, "::ffff:198.51.100.1;")),
                        "no 3008 with status 0 listing any of [192.0.2.10]"),
                Arguments.of("dns lookup", replacing(3008, OWN, EtwEventFixtures.dnsQueryCompleted(OTHER, NAME, "192.0.2.10;")),
                        "no DNS-Client event for selftest.example from pid " + OWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongEvents")
    void failsExactlyTheCheckWhoseEventsAreWrongAndSaysWhatItSaw(String check, UnaryOperator<List<EtwEventFixture>> change,
            String seen) throws Exception {
        FakeEtwApi api = new FakeEtwApi(change.apply(matchingEvents()));

        SelftestReport report = run(api);

        assertThat(report.passed()).isFalse();
        List<String> failed = report.checks().stream().filter(c -> !c.passed()).map(SelftestCheck::name).toList();
        if (check.equals("dns lookup")) {
            assertThat(failed).as("without the lookup there is no answer either").containsExactly("dns lookup", "dns answer");
        } else {
            assertThat(failed).containsExactly(check);
        }
        assertThat(detail(report, check)).contains(seen);
        assertThat(report.render()).contains("FAIL").endsWith((CHECKS.size() - failed.size()) + " of " + CHECKS.size()
                + " checks passed.\n");
    }

    @Test
    void failsOnLostEventsAndOnASessionRunWithoutIndependentMode() throws Exception {
        FakeEtwApi api = new FakeEtwApi(matchingEvents());
        api.reportLosses(new SessionLosses(12, 1));
        api.reportLogFileMode(EtwConstants.EVENT_TRACE_REAL_TIME_MODE);

        SelftestReport report = run(api);

        assertThat(report.checks()).filteredOn(c -> !c.passed()).extracting(SelftestCheck::name)
                .containsExactly("session mode", "no events lost");
        assertThat(detail(report, "session mode")).isEqualTo("LogFileMode 0x00000100: real-time, independent mode stripped");
        assertThat(detail(report, "no events lost")).isEqualTo("EventsLost 12, RealTimeBuffersLost 1");
    }

    @Test
    void aSessionThatCannotStartFailsBeforeActingAndLeavesNoSession() {
        FakeEtwApi api = new FakeEtwApi(matchingEvents()).startReturning(EtwConstants.ERROR_ACCESS_DENIED);
        AtomicBoolean acted = new AtomicBoolean();

        assertThatThrownBy(() -> new Selftest(api, EventRecordDecoder.standard(), () -> {
            acted.set(true);
            return DONE;
        }, Duration.ZERO, Duration.ofSeconds(1)).run(WINDOWS))
                .isInstanceOf(EtwCallException.class).hasMessageContaining("StartTraceW");
        assertThat(acted).isFalse();
        assertThat(api.calls).containsExactly("start " + Selftest.SESSION_NAME);
    }

    @Test
    void aStimulusThatFailsStillStopsTheSession() {
        FakeEtwApi api = new FakeEtwApi(matchingEvents());

        assertThatThrownBy(() -> new Selftest(api, EventRecordDecoder.standard(), () -> {
            throw new java.io.IOException("the loopback connection closed before 2000 bytes arrived");
        }, Duration.ZERO, Duration.ofSeconds(1)).run(WINDOWS)).hasMessageContaining("2000 bytes");
        assertThat(api.calls).contains("close").endsWith("stop " + Selftest.SESSION_NAME);
    }

    private static SelftestReport run(FakeEtwApi api) throws Exception {
        return new Selftest(api, EventRecordDecoder.standard(), () -> DONE, Duration.ZERO, Duration.ofMillis(500)).run(WINDOWS);
    }

    /** What a host sends while the stimulus acts, among events of other processes. */
    private static List<EtwEventFixture> matchingEvents() {
        return List.of(
                EtwEventFixtures.processStartV3(OTHER, OWN, OWN_SEQUENCE, 600,
                        "\\Device\\HarddiskVolume3\\Program Files\\etwcorr\\etwcorr-collector.exe"),
                EtwEventFixtures.dnsQueryCompleted(OTHER, NAME, "192.0.2.10;"),
                EtwEventFixtures.dnsQueryCompleted(OWN, NAME, "::ffff:192.0.2.10;"),
                EtwEventFixtures.connectV4(12, OTHER, 9, "10.0.0.42", CLIENT_PORT, LOOPBACK, LISTENER_PORT),
                EtwEventFixtures.connectV4(12, OWN, 1, LOOPBACK, CLIENT_PORT, LOOPBACK, LISTENER_PORT),
                EtwEventFixtures.connectV4(15, OWN, 2, LOOPBACK, LISTENER_PORT, LOOPBACK, CLIENT_PORT),
                EtwEventFixtures.transferV4(10, OWN, 1, 1_000, LOOPBACK, CLIENT_PORT, LOOPBACK, LISTENER_PORT),
                EtwEventFixtures.transferV4(11, OWN, 2, 1_000, LOOPBACK, LISTENER_PORT, LOOPBACK, CLIENT_PORT),
                EtwEventFixtures.transferV4(11, OWN, 1, 1_500, LOOPBACK, CLIENT_PORT, LOOPBACK, LISTENER_PORT),
                EtwEventFixtures.transferV4(11, OWN, 1, 500, LOOPBACK, CLIENT_PORT, LOOPBACK, LISTENER_PORT),
                EtwEventFixtures.processStartV3(OWN, CHILD, CHILD_SEQUENCE, OWN_SEQUENCE, CMD)
                        .withExtendedData(ExtendedDataItem.processStartKey(OWN_START_KEY)),
                EtwEventFixtures.processStopV2(CHILD, CHILD_SEQUENCE, 3),
                EtwEventFixtures.processStopV2(OTHER));
    }

    /** Replaces the event with id {@code id} about {@code pid} by {@code replacement}, or removes it when null. */
    private static UnaryOperator<List<EtwEventFixture>> replacing(int id, int pid, EtwEventFixture replacement) {
        return events -> {
            List<EtwEventFixture> changed = new ArrayList<>();
            for (EtwEventFixture event : events) {
                boolean about = event.id() == id && subjectPid(event) == pid;
                if (!about) {
                    changed.add(event);
                } else if (replacement != null) {
                    changed.add(replacement);
                }
            }
            return changed;
        };
    }

    /** Kernel-Network's PID, Kernel-Process's ProcessID, else the pid of the header (DNS-Client). */
    private static long subjectPid(EtwEventFixture event) {
        Object pid = event.expectedProps().getOrDefault("PID", event.expectedProps().get("ProcessID"));
        return pid instanceof Number number ? number.longValue() : event.pid();
    }

    private static String detail(SelftestReport report, String check) {
        return report.checks().stream().filter(c -> c.name().equals(check)).findFirst().orElseThrow().detail();
    }
}
