package io.etwcorr.collector.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class SurveyReportTest {
    private static final SurveyReport BASELINE = SurveyReport.of(SurveyFixtures.rows(SurveyFixtures.BASELINE));
    private static final SurveyReport STIMULUS = SurveyReport.of(SurveyFixtures.rows(SurveyFixtures.STIMULUS));

    @Test
    void topTalkersAreTheActiveProvidersLoudestFirstTiesByName() {
        assertThat(BASELINE.topTalkers()).hasSize(27).extracting(SurveyRow::provider).startsWith(
                "Microsoft-Windows-Kernel-File",
                "Microsoft-Windows-RPC",
                "Microsoft-Windows-Kernel-Registry",
                "Microsoft-Windows-Kernel-Network",
                "Microsoft-Windows-TCPIP",
                "Microsoft-Windows-Kernel-Process",
                "Microsoft-Windows-WinHttp",
                "Microsoft-Windows-WinINet");
        assertThat(BASELINE.topTalkers()).extracting(SurveyRow::provider).endsWith(
                "Microsoft-Windows-Kernel-EventTracing", "Microsoft-Windows-Winlogon");
        assertThat(BASELINE.topTalkers()).isSortedAccordingTo(
                (a, b) -> Double.compare(b.eventsPerS(), a.eventsPerS()));
    }

    @Test
    void silentProvidersAreCountedApartByName() {
        assertThat(BASELINE.providerCount()).isEqualTo(40);
        assertThat(BASELINE.silentProviders()).hasSize(13).extracting(SurveyRow::provider)
                .startsWith("Microsoft-Windows-AppLocker", "Microsoft-Windows-Dhcp-Client")
                .doesNotContainAnyElementsOf(BASELINE.topTalkers().stream().map(SurveyRow::provider).toList());
    }

    @Test
    void aBaselineSurveyHasNoStimulusChanges() {
        assertThat(BASELINE.hasStimulus()).isFalse();
        assertThat(BASELINE.stimulusChanges()).isEmpty();
    }

    @Test
    void stimulusChangesAreRisesPastTheThresholdNewProvidersAndNewIds() {
        assertThat(STIMULUS.hasStimulus()).isTrue();
        assertThat(STIMULUS.stimulusChanges())
                .extracting(c -> c.row().provider(), StimulusChange::ratioLabel, StimulusChange::newEventIds)
                .containsExactly(
                        tuple("Microsoft-Windows-PowerShell", "new", List.of(4104, 40961, 40962)),
                        tuple("Microsoft-Windows-DNS-Client", "75.0x", List.of(3006, 3008, 3020)),
                        tuple("Microsoft-Windows-TCPIP", "2.6x", List.of(1017)),
                        tuple("Microsoft-Windows-Kernel-Network", "2.1x", List.of()),
                        tuple("Microsoft-Windows-WMI-Activity", "2.0x", List.of()),
                        tuple("Microsoft-Windows-Kernel-Process", "1.4x", List.of(1)));
    }

    @Test
    void theDnsClientRatioIsStimulusOverBaselinePerSecond() {
        StimulusChange dns = change(STIMULUS, "Microsoft-Windows-DNS-Client");
        assertThat(dns.baselinePerS()).isEqualTo(0.2);
        assertThat(dns.stimulusPerS()).isEqualTo(15.0);
        assertThat(dns.ratio()).isCloseTo(75.0, offset(1e-9));
        assertThat(dns.isNewProvider()).isFalse();
        assertThat(change(STIMULUS, "Microsoft-Windows-PowerShell").isNewProvider()).isTrue();
    }

    @Test
    void aHigherThresholdKeepsOnlyBigRisesAndNewIds() {
        SurveyReport strict = SurveyReport.of(SurveyFixtures.rows(SurveyFixtures.STIMULUS), 10.0);
        assertThat(strict.stimulusChanges()).extracting(c -> c.row().provider()).containsExactly(
                "Microsoft-Windows-PowerShell", "Microsoft-Windows-DNS-Client",
                "Microsoft-Windows-TCPIP", "Microsoft-Windows-Kernel-Process");
    }

    @Test
    void providersSilentInBothWindowsAreNotChanges() {
        assertThat(STIMULUS.stimulusChanges()).extracting(c -> c.row().provider())
                .doesNotContain("Microsoft-Windows-Sysmon", "Microsoft-Windows-GroupPolicy", "Microsoft-Windows-Services");
    }

    @Test
    void theThresholdMustBePositive() {
        assertThatThrownBy(() -> SurveyReport.of(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptySurveyStillRenders() {
        SurveyReport empty = SurveyReport.of(List.of());
        assertThat(empty.renderText(10)).startsWith("The survey holds no providers.\n");
    }

    @Test
    void differentWindowLengthsAreSummarisedAsARange() {
        List<SurveyRow> rows = List.of(row("a", 5, 10), row("b", 10, 0), row("c", 30, 3));
        assertThat(SurveyReport.of(rows).renderText(5))
                .startsWith("3 providers surveyed over windows of 5 to 30 s: 2 active, 1 silent (33.3%)\n");
    }

    private static StimulusChange change(SurveyReport report, String provider) {
        return report.stimulusChanges().stream().filter(c -> c.row().provider().equals(provider)).findFirst().orElseThrow();
    }

    private static SurveyRow row(String provider, double windowS, long events) {
        return new SurveyRow(provider, "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716", windowS, events, events / windowS,
                List.of(), List.of(), null);
    }
}
