package io.etwcorr.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Platform;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command lines of {@code collector replay} (raw events or --etl) and {@code collector selftest}. */
class ReplayAndSelftestCommandTest {
    private final StringWriter err = new StringWriter();

    @Test
    void replayTakesEitherRecordedEventsOrATraceFileButNotBoth() {
        assertThat(collector().execute("replay")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required argument", "--input=FILE", "--etl=FILE.etl");

        assertThat(collector().execute("replay", "--input", "a.jsonl", "--etl", "b.etl")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void optionsOfTheOtherInputAreRefusedWithAReason() {
        assertThat(collector().execute("replay", "--input", "a.jsonl", "--out", "b.jsonl")).isEqualTo(1);
        assertThat(collector().execute("replay", "--etl", "a.etl", "--speed", "2")).isEqualTo(1);

        assertThat(err.toString()).contains("replay: --host and --out go with --etl")
                .contains("replay: --realtime and --speed go with --input: an .etl file is read as fast as possible");
    }

    @Test
    void offWindowsTraceFilesAndTheSelftestSayTheyNeedWindows() {
        Assumptions.assumeFalse(Platform.isWindows(), "on Windows they would really run");

        assertThat(collector().execute("replay", "--etl", "incident.etl", "--out", "incident.jsonl")).isEqualTo(1);
        assertThat(collector().execute("selftest", "--resolve", "example.org")).isEqualTo(1);

        assertThat(err.toString()).contains("replay: collector replay --etl needs Windows (ETW)")
                .contains("selftest: collector selftest needs Windows (ETW)");
    }

    private CommandLine collector() {
        return new CommandLine(new CollectorCommand()).setExecutionExceptionHandler(new CliErrors())
                .setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err, true));
    }
}
