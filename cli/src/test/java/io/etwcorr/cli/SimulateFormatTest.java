package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code simulate --format}: Sysmon renderings go to files only, and unknown formats are named. */
class SimulateFormatTest {

    private static String fails(String... args) {
        CommandLine cli = Etwcorr.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).isEqualTo(2);
        return err.toString();
    }

    @Test
    void sysmonIntoKafkaIsRefused() {
        assertThat(fails("simulate", "--bootstrap-servers", "localhost:1", "--format", "winlogbeat"))
                .contains("--format winlogbeat writes files only (--out)");
    }

    @Test
    void anUnknownFormatListsTheKnownOnes(@TempDir Path dir) {
        assertThat(fails("simulate", "--out", dir.resolve("x.jsonl").toString(), "--format", "evtx", "--hosts", "1",
                "--duration", "1"))
                .contains("unknown --format evtx, expected raw, winlogbeat or sysmon-xml");
    }
}
