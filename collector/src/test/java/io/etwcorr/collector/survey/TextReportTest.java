package io.etwcorr.collector.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {

    @Test
    void aBaselineReportIsASummaryAnAlignedTableAndTheSilentCount() {
        String text = SurveyReport.of(SurveyFixtures.rows(SurveyFixtures.BASELINE)).renderText(12);
        List<String> lines = text.lines().toList();

        assertThat(lines.get(0)).isEqualTo("40 providers surveyed over a 10 s window: 27 active, 13 silent (32.5%)");
        assertThat(lines.get(2)).isEqualTo("Top 12 of 27 active providers by events/s:");
        assertThat(lines.get(3)).isEqualTo(
                " #  provider                             guid                                  events/s  top event ids (id:count)");
        assertThat(lines.get(5)).isEqualTo(
                " 1  Microsoft-Windows-Kernel-File        44a85bb9-e21a-c4ab-efa5-4df30474bd2b   9821.30  12:40000 14:30000 16:20000 10:8000");
        assertThat(lines.get(16)).isEqualTo(
                "12  Microsoft-Windows-Shell-Core         2147ba61-2a88-ce96-8e06-a821cc908522     11.80  9705:60 9707:58");
        assertThat(lines).contains("Silent: 13 of 40 providers logged no events in the baseline window.");
        assertThat(text).doesNotContain("Stimulus");
    }

    @Test
    void everyTableLinePutsTheRateColumnInTheSamePlace() {
        List<String> table = SurveyReport.of(SurveyFixtures.rows(SurveyFixtures.BASELINE)).renderText(40)
                .lines().skip(3).takeWhile(line -> !line.isEmpty()).toList();
        assertThat(table).hasSize(2 + 27);
        int rateEnd = table.get(0).indexOf("events/s") + "events/s".length();
        for (String line : table) {
            assertThat(line.charAt(rateEnd - 1)).as(line).isNotEqualTo(' ');
            assertThat(line.charAt(rateEnd)).as(line).isEqualTo(' ');
        }
    }

    @Test
    void aStimulusReportListsTheChangesWithRatiosAndNewIds() {
        String text = SurveyReport.of(SurveyFixtures.rows(SurveyFixtures.STIMULUS)).renderText(3);
        String stimulus = text.substring(text.indexOf("Stimulus:"));
        assertThat(stimulus).isEqualTo("""
                Stimulus: 6 providers rose by 2.0x or more, or logged new event ids:
                provider                          baseline/s  stimulus/s  ratio  new event ids
                --------------------------------  ----------  ----------  -----  ----------------
                Microsoft-Windows-PowerShell            0.00       64.00    new  4104 40961 40962
                Microsoft-Windows-DNS-Client            0.20       15.00  75.0x  3006 3008 3020
                Microsoft-Windows-TCPIP              1553.20     4000.00   2.6x  1017
                Microsoft-Windows-Kernel-Network     1553.20     3300.00   2.1x
                Microsoft-Windows-WMI-Activity          5.70       11.40   2.0x
                Microsoft-Windows-Kernel-Process      351.00      498.00   1.4x  1
                """);
    }

    @Test
    void moreThanFiveTopIdsAreSummarised() {
        List<EventIdCount> ids = List.of(new EventIdCount(1, 7), new EventIdCount(2, 6), new EventIdCount(3, 5),
                new EventIdCount(4, 4), new EventIdCount(5, 3), new EventIdCount(6, 2), new EventIdCount(7, 1));
        SurveyRow row = new SurveyRow("busy", "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716", 10, 28, 2.8, ids, List.of(), null);
        assertThat(SurveyReport.of(List.of(row)).renderText(1)).contains("2.80  1:7 2:6 3:5 4:4 5:3 (+2 more)\n");
    }

    @Test
    void providersThatWereNotSurveyedAreCountedByReasonNotAsSilent() {
        String guid = "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716";
        List<SurveyRow> rows = List.of(
                new SurveyRow("busy", guid, 10, 28, 2.8, List.of(new EventIdCount(1, 28)), List.of(), null),
                new SurveyRow("quiet", guid, 10, 0, 0, List.of(), List.of(), null),
                SurveyRow.notSurveyed("kernel-a", guid, 10, false, "classic (MOF) provider"),
                SurveyRow.notSurveyed("kernel-b", guid, 10, false, "classic (MOF) provider"),
                SurveyRow.notSurveyed("full", guid, 10, false, "EnableTraceEx2 failed with Win32 error 1450"));

        String text = SurveyReport.of(rows).renderText(5);

        assertThat(text).startsWith("5 providers, 2 of them surveyed over a 10 s window: 1 active, 1 silent (50.0% of the 2 surveyed); 3 not surveyed\n");
        assertThat(text).contains("Silent: 1 of 5 providers logged no events in the baseline window.\n");
        assertThat(text).endsWith("""
                Not surveyed: 3 of 5 providers:
                providers  why
                ---------  -------------------------------------------
                        2  classic (MOF) provider
                        1  EnableTraceEx2 failed with Win32 error 1450
                """);
    }

    @Test
    void topMustBePositive() {
        assertThatThrownBy(() -> SurveyReport.of(List.of()).renderText(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
