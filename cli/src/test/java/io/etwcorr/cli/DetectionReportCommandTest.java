package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import io.etwcorr.cli.evaluation.CaseReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DetectionReportCommandTest {

    private static DetectionReportCommand parsed(String... args) {
        DetectionReportCommand command = new DetectionReportCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void byDefaultTheReportIsANewFileNotTheCommittedDocs() {
        Path target = parsed("--cells", "8").target();
        assertThat(target).isEqualTo(Path.of("detection-report.md"));
        assertThat(target.normalize()).isNotEqualTo(DetectionReportCommand.DOCS_REPORT);
    }

    @Test
    void anExistingReportIsRefusedBeforeTheRunStarts(@TempDir Path temp) throws Exception {
        Path existing = Files.writeString(temp.resolve("mine.md"), "kept\n");
        CommandLine cli = Etwcorr.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("detection-report", "--cells", "8", "--out", existing.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--out " + existing + " exists", "--update-docs");
        assertThat(out.toString()).isEmpty(); // nothing ran
        assertThat(Files.readString(existing)).isEqualTo("kept\n");
    }

    @Test
    void updatingTheDocsIsAnExplicitFlag() {
        assertThat(parsed("--update-docs").updateDocs).isTrue();
        assertThat(parsed().updateDocs).isFalse();
    }

    @Test
    void theHandWrittenEndOfTheReportIsKeptAndAReportWithoutOneAddsNothing(@TempDir Path dir) throws Exception {
        Path report = Files.writeString(dir.resolve("DETECTION.md"), "# generated\nold numbers\n\n"
                + DetectionReportCommand.HAND_WRITTEN_MARKER + "\n## Real recordings\nby hand\n");

        assertThat(DetectionReportCommand.handWrittenPart(report))
                .isEqualTo("\n" + DetectionReportCommand.HAND_WRITTEN_MARKER + "\n## Real recordings\nby hand\n");
        assertThat(DetectionReportCommand.handWrittenPart(Files.writeString(dir.resolve("plain.md"), "# generated\n")))
                .isEmpty();
        assertThat(DetectionReportCommand.handWrittenPart(dir.resolve("absent.md"))).isEmpty();
    }

    @Test
    void theHardCasesSectionIsInsertedBeforeTheHandWrittenEndThenReplacedAndTheGridKeepsIt(@TempDir Path dir) throws Exception {
        String grid = "# generated\ngrid numbers\n\n";
        String handWritten = DetectionReportCommand.HAND_WRITTEN_MARKER + "\n## Real recordings\nby hand\n";
        String first = CaseReport.BEGIN + "\n## Hard cases\nfirst run\n" + CaseReport.END + "\n";
        String second = CaseReport.BEGIN + "\n## Hard cases\nsecond run\n" + CaseReport.END + "\n";

        String withFirst = DetectionReportCommand.withCases(grid + handWritten, first);
        assertThat(withFirst).isEqualTo(grid + first + "\n" + handWritten);
        assertThat(DetectionReportCommand.withCases(withFirst, second)).isEqualTo(grid + second + "\n" + handWritten);

        Path report = Files.writeString(dir.resolve("DETECTION.md"), withFirst);
        assertThat(DetectionReportCommand.handWrittenPart(report)).as("the grid's --update-docs keeps the cases")
                .isEqualTo("\n" + first + "\n" + handWritten);
    }

    @Test
    void theLargePrevalenceFleetIsCheckedBeforeAnythingRuns(@TempDir Path dir) {
        CommandLine cli = Etwcorr.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("detection-report", "--cases", "--prevalence-hosts", "3", "--out", dir.resolve("c.md").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("--prevalence-hosts must be in [40, 99999], got 3");
        assertThat(dir.resolve("c.md")).doesNotExist();
    }
}
