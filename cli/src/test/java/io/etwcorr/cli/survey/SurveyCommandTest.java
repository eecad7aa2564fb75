package io.etwcorr.cli.survey;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.cli.Etwcorr;
import io.etwcorr.testkit.survey.SurveyCsvFixtures;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SurveyCommandTest {
    @TempDir
    Path dir;

    @Test
    void theReportReachesAnOutputThatIsNotFlushedForIt() throws Exception {
        Path csv = dir.resolve("survey.csv");
        Files.writeString(csv, SurveyCsvFixtures.text(SurveyCsvFixtures.BASELINE));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandLine cli = Etwcorr.commandLine();
        // As on a pipe: a writer that holds its buffer until someone flushes it.
        cli.setOut(new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), false));

        int exit = cli.execute("survey", "report", csv.toString(), "--top", "1");

        assertThat(exit).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .startsWith("40 providers surveyed over a 10 s window: 27 active, 13 silent (32.5%)");
    }
}
