package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EtwcorrTest {
    @Test
    void helpListsTheSubcommandsThatExist() {
        CommandLine cli = Etwcorr.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("analyze", "job");
    }

    @Test
    void analyzeWithoutItsRequiredOptionsFailsWithAClearMessage() {
        CommandLine cli = Etwcorr.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("analyze", "--out", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("--input");
    }
}
