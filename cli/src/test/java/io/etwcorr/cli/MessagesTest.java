package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Messages a newcomer reads: defaults in the help, option names in errors, the reason beside a path. */
class MessagesTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Etwcorr.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void theJobsHelpShowsTheDefaultsOfParallelismAndBootstrapServers() {
        assertThat(run("job", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", "")) // picocli wraps lines anywhere
                .contains("--parallelism=NParallelismofthejob(default:theconfig'sjob.parallelism,2)")
                .contains("(default:theconfig'skafka.bootstrapServers,localhost:9092)")
                .contains("--broker-wait=SECONDS");
    }

    @Test
    void aMissingConfigFileSaysWhy(@TempDir Path temp) {
        Path missing = temp.resolve("nope.yaml");
        assertThat(run("analyze", "--input", missing.toString(), "--out", temp.resolve("o").toString(), "--config",
                missing.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read config " + missing + ": no such file");
    }

    @Test
    void simulateNamesItsOptionsAndSaysWhyThereIsNoImplant(@TempDir Path temp) {
        assertThat(run("simulate", "--duration", "0", "--out", temp.resolve("x.jsonl").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--duration must be at least 1").doesNotContain("durationS");

        assertThat(run("simulate", "--hosts", "1", "--duration", "60", "--out", temp.resolve("s.jsonl").toString()))
                .isZero();
        assertThat(out.toString()).contains("0 implant(s)", "implant starts 300 simulated seconds in",
                "use --duration 900 or more");
    }
}
