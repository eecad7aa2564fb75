package io.etwcorr.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Platform;
import io.etwcorr.collector.survey.SurveyResult;
import io.etwcorr.collector.survey.SurveyRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SurveyCollectCommandTest {
    private static final String GUID = "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716";

    @Test
    void offWindowsTheCollectionSaysItNeedsWindows() {
        Assumptions.assumeFalse(Platform.isWindows(), "on Windows the survey would really run");
        StringWriter err = new StringWriter();

        int exit = collector(new StringWriter(), err).execute("survey", "--window", "1s");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("survey: collector survey needs Windows (ETW)");
    }

    @Test
    void windowsAreWrittenAsPeopleWriteThem() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("7")).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> converter.convert("ten seconds"))
                .hasMessage("'ten seconds' is not a duration like 10s, 500ms or 2m");
    }

    @Test
    void onATerminalTheProgressLineIsRewrittenAfterEveryBatch() {
        StringWriter err = new StringWriter();
        ProgressLine progress = new ProgressLine(new PrintWriter(err), true);

        progress.batchDone(1, 3, Duration.ofSeconds(126));
        progress.batchDone(3, 3, Duration.ZERO);

        assertThat(err.toString()).isEqualTo("\rsurvey: 1/3 batches done, about 2 min 6 s left "
                + "\rsurvey: 3/3 batches done, about 0 s left " + System.lineSeparator());
    }

    @Test
    void elsewhereTheProgressIsQuiet() {
        StringWriter err = new StringWriter();

        new ProgressLine(new PrintWriter(err), false).batchDone(1, 3, Duration.ofSeconds(20));

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theFinalLineSaysWhatWasWrittenAndHowFarToTrustIt() {
        SurveyResult result = new SurveyResult(List.of(
                new SurveyRow("busy", GUID, 10, 5, 0.5, List.of(), List.of(), null),
                SurveyRow.notSurveyed("classic", GUID, 10, false, "classic (MOF) provider")),
                2, 1, 0, 0, List.of("exited with 0", "exited with 0"));

        assertThat(SurveyCollectCommand.finalLine(result, Path.of("survey.csv"))).isEqualTo("survey: wrote survey.csv: "
                + "1 active, 0 silent, 1 not surveyed; 0 events and 0 buffers lost, 2 events of other providers, "
                + "1 outside the windows; stimulus: exited with 0");
    }

    private static CommandLine collector(StringWriter out, StringWriter err) {
        return new CommandLine(new CollectorCommand()).setExecutionExceptionHandler(new CliErrors())
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }
}
