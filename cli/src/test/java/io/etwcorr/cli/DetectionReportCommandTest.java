package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
