package io.etwcorr.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.raw.RawEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessEnrichmentTest {
    private static final int PID = 7312;
    private static final String NT_IMAGE = "\\Device\\HarddiskVolume3\\Windows\\System32\\rundll32.exe";
    private static final String DOS_IMAGE = "C:\\Windows\\System32\\rundll32.exe";
    private static final String COMMAND_LINE = "rundll32.exe C:\\Users\\a\\AppData\\Local\\Temp\\x.dll,Start";
    private static final Duration BUDGET = Duration.ofMillis(200);

    private final FakeHostQueries queries = FakeHostQueries.workstation(PID, COMMAND_LINE);
    private final ProcessEnrichment enrichment = new ProcessEnrichment(queries, Clock.systemUTC(), BUDGET);

    @AfterEach
    void stopLookups() {
        queries.release();
        enrichment.close();
    }

    @Test
    void processStartAndRundownGetImageCommandLineAndUser() {
        Map<String, Object> expected = Map.of("image", DOS_IMAGE, "cmdline", COMMAND_LINE, "user", "WS-0042\\a");

        assertThat(enrichment.x(kernelProcess(1, PID, NT_IMAGE))).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(enrichment.x(kernelProcess(15, PID, NT_IMAGE))).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(queries.accountQueries).as("account names are cached by SID").hasValue(1);
    }

    @Test
    void processStopGetsTheImageOnly() {
        assertThat(enrichment.x(kernelProcess(2, PID, NT_IMAGE))).containsExactly(Map.entry("image", DOS_IMAGE));
    }

    @Test
    void otherEventsKeepTheirX() {
        RawEvent threadStart = kernelProcess(3, PID, NT_IMAGE);
        RawEvent dns = new RawEvent(1, null, null, 0, 0, EtwProvider.DNS_CLIENT.providerName(),
                EtwProvider.DNS_CLIENT.guid().toString(), 1, 0, 0, PID, PID, Map.of("ProcessID", (long) PID), null);

        assertThat(enrichment.x(threadStart)).isNull();
        assertThat(enrichment.x(dns)).isNull();
    }

    @Test
    void aGoneProcessOnAnUnmappedDeviceGetsNoX() {
        assertThat(enrichment.x(kernelProcess(1, 999, "\\Device\\CdRom0\\setup.exe"))).isNull();
    }

    @Test
    void cutsLongCommandLinesWithoutSplittingASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String longLine = "x".repeat(ProcessEnrichment.MAX_COMMAND_LINE_CHARS - 1) + emoji + "tail";
        queries.commandLines.put(PID, longLine);

        Object cmdline = enrichment.x(kernelProcess(1, PID, NT_IMAGE)).get("cmdline");

        assertThat(cmdline).isEqualTo("x".repeat(ProcessEnrichment.MAX_COMMAND_LINE_CHARS - 1));
        assertThat(ProcessEnrichment.bounded("short", 10)).isEqualTo("short");
    }

    @Test
    void givesUpOnASlowLookupAndSkipsLookupsWhileItHangs() {
        queries.holdLookups();

        long started = System.nanoTime();
        Map<String, Object> slow = enrichment.x(kernelProcess(1, PID, NT_IMAGE));
        Map<String, Object> whileHung = enrichment.x(kernelProcess(15, PID, NT_IMAGE));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        queries.release();

        assertThat(slow).containsExactly(Map.entry("image", DOS_IMAGE));
        assertThat(whileHung).containsExactly(Map.entry("image", DOS_IMAGE));
        assertThat(elapsedMillis).as("one budget, not two").isLessThan(2 * BUDGET.toMillis());
        assertThat(enrichment.givenUp()).isEqualTo(1);
        assertThat(enrichment.skipped()).isEqualTo(1);
    }

    @Test
    void looksUpAgainOnceTheHungLookupHasEnded() throws InterruptedException {
        queries.holdLookups();
        enrichment.x(kernelProcess(1, PID, NT_IMAGE));
        queries.release();
        Thread.sleep(50);

        assertThat(enrichment.x(kernelProcess(1, PID, NT_IMAGE))).containsEntry("cmdline", COMMAND_LINE);
    }

    private static RawEvent kernelProcess(int id, int pid, String imageName) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("ProcessID", (long) pid);
        props.put("ImageName", imageName);
        return new RawEvent(1, null, null, 0, 0, EtwProvider.KERNEL_PROCESS.providerName(),
                EtwProvider.KERNEL_PROCESS.guid().toString(), id, 3, 0, 5120, 6000, props, null);
    }
}
