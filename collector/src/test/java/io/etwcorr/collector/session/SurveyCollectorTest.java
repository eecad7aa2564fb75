package io.etwcorr.collector.session;

import io.etwcorr.testkit.etw.EtwEventFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.collector.etw.RegisteredProvider;
import io.etwcorr.collector.survey.EventIdCount;
import io.etwcorr.collector.survey.StimulusCommand;
import io.etwcorr.collector.survey.StimulusWindow;
import io.etwcorr.collector.survey.SurveyCsv;
import io.etwcorr.collector.survey.SurveyPlan;
import io.etwcorr.collector.survey.SurveyReport;
import io.etwcorr.collector.survey.SurveyResult;
import io.etwcorr.collector.survey.SurveyRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The survey's collection against the fake ETW: each session's trace delivers EVENT_RECORDs laid
 * out in native memory for the providers enabled in it, in the baseline window, the stimulus window
 * and outside both, and the survey attributes, counts and writes them.
 */
class SurveyCollectorTest {
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final RegisteredProvider DNS = registered(EtwProvider.DNS_CLIENT);
    private static final RegisteredProvider PROCESS = registered(EtwProvider.KERNEL_PROCESS);
    private static final RegisteredProvider QUIET = new RegisteredProvider(
            UUID.fromString("0e2a4b6c-8d0f-4a1b-9c2d-3e4f5a6b7c8d"), "Contoso-Quiet", false);
    private static final RegisteredProvider FULL = new RegisteredProvider(
            UUID.fromString("7f0e1d2c-3b4a-4958-8776-a5b4c3d2e1f0"), "Vendor-Enabled-Everywhere", false);
    private static final RegisteredProvider KERNEL_LOGGER = new RegisteredProvider(
            UUID.fromString("9e814aad-3204-11d2-9a82-006008a86939"), "MSNT_SystemTrace", true);
    /** ETW's own provider: the header event every real-time trace starts with. */
    private static final UUID EVENT_TRACE = UUID.fromString("68fdd900-4a3e-11d1-84f4-0000f80464e3");
    private static final List<RegisteredProvider> REGISTERED = List.of(DNS, PROCESS, QUIET, FULL, KERNEL_LOGGER);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final FakeEtwApi etw = new FakeEtwApi(clock, SurveyCollectorTest::eventsOfTheEnabled)
            .enableReturning(FULL.guid(), 1450);

    @Test
    void attributesCountsAndDiffsEveryProviderFromCollectionToTheReport(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("stimulus-ran");
        SurveyPlan plan = SurveyPlan.of(REGISTERED, 2, WINDOW, true);
        List<String> progress = new ArrayList<>();
        SurveyCollector survey = new SurveyCollector(etw, clock, this::advanceClock,
                new StimulusCommand("echo ran >> '" + marker + "'", Duration.ofSeconds(30)),
                (done, total, left) -> progress.add(done + "/" + total + " " + left.toSeconds() + "s"));

        SurveyResult result = survey.run(plan);

        Map<String, SurveyRow> rows = result.rows().stream().collect(Collectors.toMap(SurveyRow::provider, row -> row));
        assertThat(rows).hasSize(5);
        assertThat(rows.get(DNS.name())).isEqualTo(new SurveyRow(DNS.name(), DNS.guid().toString(), 10, 2, 0.2,
                List.of(new EventIdCount(3010, 2)), List.of(0x8000_0000_0000_0000L),
                new StimulusWindow(6, 0.6, List.of(3008))));
        assertThat(rows.get(PROCESS.name())).isEqualTo(new SurveyRow(PROCESS.name(), PROCESS.guid().toString(), 10, 6,
                0.6, List.of(new EventIdCount(1, 4), new EventIdCount(2, 2)), List.of(0x10L, 0x40L),
                new StimulusWindow(3, 0.3, List.of(5))));
        assertThat(rows.get(QUIET.name()).isSilent()).isTrue();
        assertThat(rows.get(FULL.name()).notSurveyed())
                .isEqualTo("EnableTraceEx2 failed with Win32 error 1450: already enabled in the 8 sessions ETW allows a provider");
        assertThat(rows.get(KERNEL_LOGGER.name()).notSurveyed()).isEqualTo(SurveyPlan.CLASSIC_PROVIDER);
        assertThat(result.unattributed()).as("one trace header event per session").isEqualTo(2);
        assertThat(result.outsideWindows()).as("DNS events before and after the windows").isEqualTo(2);
        assertThat(result.stimulusRuns()).containsExactly("exited with 0", "exited with 0");
        assertThat(Files.readAllLines(marker)).containsExactly("ran", "ran");
        assertThat(progress).containsExactly("1/2 21s", "2/2 0s");

        Path csv = dir.resolve("survey.csv");
        SurveyCsv.write(csv, result.rows());
        List<SurveyRow> readBack = SurveyCsv.read(csv);
        assertThat(readBack).containsExactlyElementsOf(result.rows());
        SurveyReport report = SurveyReport.of(readBack);
        assertThat(report.topTalkers()).extracting(SurveyRow::provider).containsExactly(PROCESS.name(), DNS.name());
        assertThat(report.silentProviders()).extracting(SurveyRow::provider).containsExactly(QUIET.name());
        assertThat(report.notSurveyed()).extracting(SurveyRow::provider).containsExactly(KERNEL_LOGGER.name(), FULL.name());
        assertThat(report.stimulusChanges()).extracting(change -> change.row().provider() + " " + change.ratioLabel()
                + " " + change.newEventIdsLabel()).containsExactly(DNS.name() + " 3.0x 3008", PROCESS.name() + " 0.5x 5");
    }

    @Test
    void enablesEveryLevelAndKeywordInOneSessionPerBatchAndStopsEachSession() {
        new SurveyCollector(etw, clock, this::advanceClock, null, (done, total, left) -> { })
                .run(SurveyPlan.of(REGISTERED, 2, WINDOW, false));

        assertThat(etw.calls).containsExactly(
                "start etwcorr-survey", "enable Contoso-Quiet", "enable " + DNS.name(), "open etwcorr-survey",
                "query etwcorr-survey", "stop etwcorr-survey", "close",
                "start etwcorr-survey", "enable " + PROCESS.name(), "enable " + FULL.name(), "open etwcorr-survey",
                "query etwcorr-survey", "stop etwcorr-survey", "close");
        assertThat(etw.enabled).allSatisfy(spec -> {
            assertThat(spec.level()).isEqualTo(255);
            assertThat(spec.matchAnyKeyword()).isEqualTo(-1L);
        });
    }

    @Test
    void theSessionIsStoppedWhenItsTraceCannotBeOpened() {
        etw.failOpenWith(5);
        SurveyCollector survey = new SurveyCollector(etw, clock, this::advanceClock, null, (done, total, left) -> { });

        assertThatThrownBy(() -> survey.run(SurveyPlan.of(REGISTERED, 2, WINDOW, false)))
                .isInstanceOf(EtwCallException.class);
        assertThat(etw.calls).endsWith("open etwcorr-survey", "stop etwcorr-survey");
    }

    @Test
    void abortingStopsTheRunningSessionAndNoFurtherBatchStarts() {
        List<SurveyCollector> holder = new ArrayList<>();
        SurveyCollector survey = new SurveyCollector(etw, clock, deadline -> {
            holder.get(0).abort(); // Ctrl-C during the first window
            advanceClock(deadline);
        }, null, (done, total, left) -> { });
        holder.add(survey);

        assertThatThrownBy(() -> survey.run(SurveyPlan.of(REGISTERED, 2, WINDOW, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the survey was stopped after 1 of 2 batches");
        assertThat(etw.count("start etwcorr-survey")).isEqualTo(1);
        assertThat(etw.calls).last().isEqualTo("close");
        assertThat(etw.count("stop etwcorr-survey")).isEqualTo(2);
    }

    @Test
    void aStaleSessionOfTheSameNameIsReplaced() {
        etw.startReturning(183);
        new SurveyCollector(etw, clock, this::advanceClock, null, (done, total, left) -> { })
                .run(SurveyPlan.of(List.of(DNS), 10, WINDOW, false));

        assertThat(etw.calls).startsWith("start etwcorr-survey", "stop etwcorr-survey", "start etwcorr-survey");
    }

    @Test
    void aSessionThatCannotStartSaysSo() {
        etw.startReturning(5);
        SurveyCollector survey = new SurveyCollector(etw, clock, this::advanceClock, null, (done, total, left) -> { });

        assertThatThrownBy(() -> survey.run(SurveyPlan.of(List.of(DNS), 10, WINDOW, false)))
                .isInstanceOf(EtwCallException.class)
                .hasMessage("StartTraceW failed with Win32 error 5 (session etwcorr-survey; the survey must run elevated)");
    }

    private void advanceClock(Instant deadline) {
        clock.advance(Duration.between(clock.instant(), deadline));
    }

    /**
     * What each session's trace delivers: ETW's header event, then per enabled provider its events
     * at offsets from the window start (the trace opens right when the baseline window starts).
     */
    private static List<EtwEventFixture> eventsOfTheEnabled(List<ProviderSpec> enabled, Instant windowStart) {
        Function<Long, Instant> at = millis -> windowStart.plusMillis(millis);
        List<EtwEventFixture> events = new ArrayList<>(List.of(event(EVENT_TRACE, 0, windowStart, 0)));
        for (ProviderSpec provider : enabled) {
            UUID guid = provider.guid();
            if (guid.equals(DNS.guid())) {
                events.add(event(guid, 3010, at.apply(-1L), 0)); // during enabling: outside the windows
                events.add(event(guid, 3010, at.apply(1_000L), 0x8000_0000_0000_0000L));
                events.add(event(guid, 3010, at.apply(9_999L), 0x8000_0000_0000_0000L));
                for (int i = 0; i < 5; i++) {
                    events.add(event(guid, 3008, at.apply(10_000L + i), 0x10));
                }
                events.add(event(guid, 3010, at.apply(19_999L), 0x10));
                events.add(event(guid, 3010, at.apply(20_000L), 0x10)); // after the last window
            } else if (guid.equals(PROCESS.guid())) {
                for (int i = 0; i < 4; i++) {
                    events.add(event(guid, 1, at.apply(100L * i), 0x10));
                }
                events.add(event(guid, 2, at.apply(500L), 0x40));
                events.add(event(guid, 2, at.apply(600L), 0x10));
                for (int i = 0; i < 3; i++) {
                    events.add(event(guid, 5, at.apply(12_000L + i), 0x10));
                }
            }
        }
        return events;
    }

    private static EtwEventFixture event(UUID provider, int id, Instant at, long keyword) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return new EtwEventFixture("", provider, id, 0, 0, 0, 4, 8, micros, new byte[0], Map.of(), keyword);
    }

    private static RegisteredProvider registered(EtwProvider provider) {
        return new RegisteredProvider(provider.guid(), provider.providerName(), false);
    }
}
