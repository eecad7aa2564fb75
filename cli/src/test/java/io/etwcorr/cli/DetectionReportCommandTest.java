package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionReportCommandTest {

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
