package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code analyze} over a gzip file cut short: the readable part is analyzed, the rest is a dead letter, exit 3. */
class AnalyzeTruncatedGzipITCase {

    @Test
    void theReadablePartIsAnalyzedAndTheCutIsReported(@TempDir Path temp) throws Exception {
        byte[] sample = AnalyzeTruncatedGzipITCase.class.getResourceAsStream("/analyze/sample.jsonl").readAllBytes();
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gzip)) {
            out.write(sample);
        }
        byte[] whole = gzip.toByteArray();
        Path input = Files.write(temp.resolve("cut.jsonl.gz"), Arrays.copyOf(whole, whole.length * 2 / 3));
        Path out = temp.resolve("out");

        CommandLine cli = Etwcorr.commandLine();
        StringWriter console = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(console));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("analyze", "--input", input.toString(), "--out", out.toString());

        assertThat(exit).isEqualTo(AnalyzeCommand.EXIT_INPUT_TRUNCATED);
        assertThat(err.toString()).isEmpty();
        assertThat(console.toString()).contains("1 input file(s) ended early (truncated gzip)", "exit code 3");
        List<String> deadLetters = Files.readAllLines(out.resolve("deadletter.jsonl"));
        assertThat(deadLetters).anySatisfy(line -> assertThat(line).contains("\"type\":\"truncated_input\"",
                "\"origin\":\"cut.jsonl.gz:"));
        assertThat(Files.readAllLines(out.resolve("health.jsonl"))).isNotEmpty();
        assertThat(console.toString()).containsPattern("analyze: [1-9][0-9]* records in");
    }
}
