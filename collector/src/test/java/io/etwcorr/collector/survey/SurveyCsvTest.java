package io.etwcorr.collector.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurveyCsvTest {
    /** The header of surveys written before the not_surveyed column: still read. */
    private static final String HEADER = "provider,guid,window_s,events,events_per_s,top_event_ids,keywords,"
            + "stimulus_events,stimulus_events_per_s,stimulus_new_event_ids\n";
    private static final String WRITTEN_HEADER = HEADER.replace("\n", ",not_surveyed\r\n");
    private static final String GUID = "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716";

    @Test
    void theHeaderIsTheDocumentedColumns() {
        assertThat(SurveyCsv.format(List.of())).isEqualTo(WRITTEN_HEADER);
    }

    @Test
    void readsEveryColumnOfABaselineRow() {
        SurveyRow kernelProcess = SurveyFixtures.rows(SurveyFixtures.BASELINE).get(0);
        assertThat(kernelProcess.provider()).isEqualTo("Microsoft-Windows-Kernel-Process");
        assertThat(kernelProcess.guid()).isEqualTo("38fe1c6a-eec5-d953-cd59-781c8b680093");
        assertThat(kernelProcess.windowS()).isEqualTo(10.0);
        assertThat(kernelProcess.events()).isEqualTo(4210);
        assertThat(kernelProcess.eventsPerS()).isEqualTo(421.0);
        assertThat(kernelProcess.topEventIds()).containsExactly(
                new EventIdCount(1, 1500), new EventIdCount(2, 1480), new EventIdCount(5, 600),
                new EventIdCount(6, 590), new EventIdCount(3, 40));
        assertThat(kernelProcess.keywords()).containsExactly(0x10L, 0x40L);
        assertThat(kernelProcess.hasStimulus()).isFalse();
    }

    @Test
    void readsTheStimulusColumnsAndKeywordsWithTheTopBitSet() {
        SurveyRow dns = SurveyFixtures.rows(SurveyFixtures.STIMULUS).stream()
                .filter(row -> row.provider().equals("Microsoft-Windows-DNS-Client")).findFirst().orElseThrow();
        assertThat(dns.keywords()).containsExactly(0x8000000000000000L);
        assertThat(dns.stimulus()).isEqualTo(new StimulusWindow(150, 15.0, List.of(3006, 3008, 3020)));
    }

    @Test
    void namesWithCommasAndQuotesSurviveTheFixture() {
        assertThat(SurveyFixtures.rows(SurveyFixtures.BASELINE)).extracting(SurveyRow::provider)
                .contains("Contoso, Inc. Agent", "Vendor \"Quoted\" Provider", "Acme <Telemetry> & Co");
    }

    @Test
    void roundTripsBothFixturesThroughAFile(@TempDir Path dir) throws Exception {
        for (String fixture : List.of(SurveyFixtures.BASELINE, SurveyFixtures.STIMULUS)) {
            List<SurveyRow> rows = SurveyFixtures.rows(fixture);
            Path file = dir.resolve(fixture);
            SurveyCsv.write(file, rows);
            assertThat(SurveyCsv.read(file)).isEqualTo(rows);
        }
    }

    @Test
    void quotesOnlyTheFieldsThatNeedIt(@TempDir Path dir) throws Exception {
        List<SurveyRow> rows = List.of(
                row("Contoso, Inc. \"Agent\"", 0.0001),
                row("multi\nline", 12.5),
                row("plain", 1e7));
        Path file = dir.resolve("quoting.csv");
        SurveyCsv.write(file, rows);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(WRITTEN_HEADER
                + "\"Contoso, Inc. \"\"Agent\"\"\"," + GUID + ",10,5,0.0001,7:3;8:2,0x10;0xffffffffffffffff,,,,\r\n"
                + "\"multi\nline\"," + GUID + ",10,5,12.5,7:3;8:2,0x10;0xffffffffffffffff,,,,\r\n"
                + "plain," + GUID + ",10,5,10000000,7:3;8:2,0x10;0xffffffffffffffff,,,,\r\n");
        assertThat(SurveyCsv.read(file)).isEqualTo(rows);
    }

    @Test
    void aStimulusRowWithoutNewIdsKeepsItsWindow(@TempDir Path dir) throws Exception {
        List<SurveyRow> rows = List.of(new SurveyRow("quiet", GUID, 10, 0, 0, List.of(), List.of(),
                new StimulusWindow(0, 0, List.of())));
        Path file = dir.resolve("stimulus.csv");
        SurveyCsv.write(file, rows);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).endsWith("quiet," + GUID + ",10,0,0,,,0,0,,\r\n");
        assertThat(SurveyCsv.read(file)).isEqualTo(rows);
    }

    @Test
    void aLineAfterAMultiLineNameIsCountedFromTheFile() {
        String text = HEADER + "\"two\nlines\"," + GUID + ",10,5,0.5,,,,,\n" + "bad," + GUID + ",10,x,0.5,,,,,\n";
        assertThatThrownBy(() -> SurveyCsv.parse("survey.csv", text))
                .isInstanceOf(SurveyFormatException.class)
                .hasMessage("survey.csv:4: events must be a whole number, got \"x\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "events not a number    | p,GUID,10,x,0.5,,,,,                    | survey.csv:3: events must be a whole number, got \"x\"",
        "negative rate          | p,GUID,10,5,-1,,,,,                     | survey.csv:3: events_per_s must be a decimal number like 12.5, got \"-1\"",
        "zero window            | p,GUID,0,5,1,,,,,                       | survey.csv:3: window_s must be more than 0 and finite, got 0.0",
        "endless window         | p,GUID,10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000,5,1,,,,,  | survey.csv:3: window_s must be more than 0 and finite, got Infinity",
        "huge event count       | p,GUID,10,99999999999999999999,1,,,,, | survey.csv:3: events is out of range, got \"99999999999999999999\"",
        "braced guid            | p,{GUID},10,5,0.5,,,,,                  | survey.csv:3: guid must be 8-4-4-4-12 hex digits without braces, got \"{GUID}\"",
        "empty provider         | ,GUID,10,5,0.5,,,,,                     | survey.csv:3: provider must not be empty",
        "too few columns        | p,GUID,10,5,0.5,,,,                     | survey.csv:3: expected 10 columns, got 9",
        "top ids not pairs      | p,GUID,10,5,0.5,7-3,,,,                 | survey.csv:3: top_event_ids must be id:count pairs separated by ';', got \"7-3\"",
        "top ids out of order   | p,GUID,10,5,0.5,7:1;8:3,,,,             | survey.csv:3: top_event_ids must list the most frequent first, got \"8:3\" after \"7:1\"",
        "top ids over total     | p,GUID,10,5,0.5,7:4;8:3,,,,             | survey.csv:3: top_event_ids counts add up to 7, more than the 5 events",
        "event id too large     | p,GUID,10,5,0.5,70000:1,,,,             | survey.csv:3: top_event_ids needs ids 0..65535 with a count of at least 1, got \"70000:1\"",
        "eleven top ids         | p,GUID,99,99,1,1:1;2:1;3:1;4:1;5:1;6:1;7:1;8:1;9:1;10:1;11:1,,,, | survey.csv:3: top_event_ids holds at most 10 ids, got 11",
        "keyword not hex        | p,GUID,10,5,0.5,,16,,,                  | survey.csv:3: keywords must be hex masks like 0x10 separated by ';', got \"16\"",
        "rate without events    | p,GUID,10,5,0.5,,,,2,                   | survey.csv:3: stimulus_events must be set when stimulus_events_per_s is",
        "new ids without window | p,GUID,10,5,0.5,,,,,3006                | survey.csv:3: stimulus_new_event_ids is set but stimulus_events is empty",
        "new id not a number    | p,GUID,10,5,0.5,,,9,0.9,abc             | survey.csv:3: stimulus_new_event_ids must be event ids 0..65535 separated by ';', got \"abc\"",
        "new ids without events | p,GUID,10,5,0.5,,,0,0,3006              | survey.csv:3: stimulus_new_event_ids must be empty when stimulus_events is 0",
        "stimulus on one row    | p,GUID,10,5,0.5,,,9,0.9,                | survey.csv:3: stimulus_events is set but the first row's is empty; a survey either had a stimulus or not",
        "stray quote            | p\"q,GUID,10,5,0.5,,,,,                 | survey.csv:3: field 1: a quote inside an unquoted field",
        "text after quote       | \"p\"q,GUID,10,5,0.5,,,,,               | survey.csv:3: field 1: text after a closing quote",
        "unclosed quote         | \"p,GUID,10,5,0.5,,,,,                  | survey.csv:3: field 1: the quote is never closed",
    })
    void aBadRowNamesTheLineAndTheColumn(String description, String badRow, String message) {
        String text = HEADER + "ok," + GUID + ",10,5,0.5,,,,,\n" + badRow.replace("GUID", GUID) + "\n";
        assertThatThrownBy(() -> SurveyCsv.parse("survey.csv", text))
                .isInstanceOf(SurveyFormatException.class)
                .hasMessage(message.replace("GUID", GUID));
    }

    @Test
    void aHeaderMismatchNamesTheColumn() {
        String text = HEADER.replace("events_per_s,", "rate,") + "p," + GUID + ",10,5,0.5,,,,,\n";
        assertThatThrownBy(() -> SurveyCsv.parse("survey.csv", text))
                .isInstanceOf(SurveyFormatException.class)
                .hasMessage("survey.csv:1: header column 5 must be \"events_per_s\", got \"rate\"")
                .extracting(e -> ((SurveyFormatException) e).line()).isEqualTo(1);
    }

    @Test
    void aHeaderWithAnExtraColumnIsRejected() {
        assertThatThrownBy(() -> SurveyCsv.parse("survey.csv", HEADER.replace("\n", ",host\n")))
                .hasMessage("survey.csv:1: header column 11 must be \"not_surveyed\", got \"host\"");
        assertThatThrownBy(() -> SurveyCsv.parse("survey.csv", WRITTEN_HEADER.replace("\r\n", ",host\n")))
                .hasMessage("survey.csv:1: header has 12 columns, expected 11 (extra \"host\")");
    }

    @Test
    void aProviderThatWasNotSurveyedKeepsItsReason(@TempDir Path dir) throws Exception {
        List<SurveyRow> rows = List.of(row("measured", 0.5),
                SurveyRow.notSurveyed("refused", GUID, 10, false, "EnableTraceEx2 failed with Win32 error 5, \"access denied\""));
        Path file = dir.resolve("not-surveyed.csv");
        SurveyCsv.write(file, rows);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).endsWith("refused," + GUID
                + ",10,0,0,,,,,,\"EnableTraceEx2 failed with Win32 error 5, \"\"access denied\"\"\"\r\n");
        assertThat(SurveyCsv.read(file)).isEqualTo(rows);
        assertThat(rows.get(1).isSilent()).as("not measured is not silent").isFalse();
    }

    @Test
    void aProviderThatWasNotSurveyedHasNoEvents() {
        String text = WRITTEN_HEADER + "p," + GUID + ",10,5,0.5,,,,,,classic provider\r\n";
        assertThatThrownBy(() -> SurveyCsv.parse("survey.csv", text))
                .hasMessage("survey.csv:2: a provider that was not surveyed has no events, ids or keywords");
        String stimulus = WRITTEN_HEADER + "p," + GUID + ",10,0,0,,,3,0.3,,classic provider\r\n";
        assertThatThrownBy(() -> SurveyCsv.parse("survey.csv", stimulus))
                .hasMessage("survey.csv:2: a provider that was not surveyed has no events, ids or keywords");
    }

    @Test
    void anEmptyFileIsRejected() {
        assertThatThrownBy(() -> SurveyCsv.parse("survey.csv", ""))
                .hasMessageStartingWith("survey.csv:1: empty file, expected the header provider,guid,");
    }

    @Test
    void toleratesAByteOrderMarkAndMissingFinalLineBreak() throws Exception {
        String text = "\uFEFF" + HEADER + "p," + GUID + ",10,5,0.5,,,,,";
        assertThat(SurveyCsv.parse("survey.csv", text)).extracting(SurveyRow::provider).containsExactly("p");
    }

    @Test
    void readNamesTheFileByItsName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lab.csv");
        Files.writeString(file, HEADER + "p," + GUID + ",10,five,0.5,,,,,\n");
        assertThatThrownBy(() -> SurveyCsv.read(file)).hasMessage("lab.csv:2: events must be a whole number, got \"five\"");
    }

    @Test
    void aUtf16FileIsRejectedWithAHint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("survey.csv");
        Files.write(file, ("\uFEFF" + HEADER).getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> SurveyCsv.read(file)).isInstanceOf(SurveyFormatException.class)
                .hasMessageStartingWith("survey.csv:1: not UTF-8 text");
    }

    @Test
    void rowsThatCouldNotBeReadBackCannotBeMade() {
        assertThatThrownBy(() -> new SurveyRow("p", "{" + GUID + "}", 10, 5, 0.5, List.of(), List.of(), null))
                .hasMessageStartingWith("guid must be 8-4-4-4-12 hex digits");
        assertThatThrownBy(() -> new SurveyRow("p", GUID, 10, 5, 0.5,
                List.of(new EventIdCount(1, 1), new EventIdCount(2, 2)), List.of(), null))
                .hasMessage("top_event_ids must list the most frequent first, got \"2:2\" after \"1:1\"");
        assertThatThrownBy(() -> new StimulusWindow(1, 0.1, List.of(70000)))
                .hasMessage("stimulus_new_event_ids must be 0..65535, got 70000");
        assertThatThrownBy(() -> new EventIdCount(3, 0)).hasMessage("event ids must be 0..65535 with a count of at least 1, got \"3:0\"");
    }

    private static SurveyRow row(String provider, double eventsPerS) {
        return new SurveyRow(provider, GUID, 10, 5, eventsPerS,
                List.of(new EventIdCount(7, 3), new EventIdCount(8, 2)), List.of(0x10L, -1L), null);
    }
}
