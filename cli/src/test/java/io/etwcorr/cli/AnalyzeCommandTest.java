package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code analyze} refuses before it starts Flink: one line on stderr, exit 1, nothing written or replaced. */
class AnalyzeCommandTest {
    /** Raw events as analyze recognizes them (a collector heartbeat), so that only the checked option fails. */
    private static final String EVENT = "{\"v\":1,\"host\":\"WS-0042\",\"run\":\"r\",\"seq\":0,\"ts\":1795633627123456,"
            + "\"provider\":\"EtwCorrelation-Collector\",\"id\":1,\"ver\":0,\"pid\":-1,\"tid\":-1,\"props\":{}}\n";
    private static final String EVENTS = EVENT + EVENT + EVENT;

    @TempDir
    Path temp;

    private final StringWriter err = new StringWriter();

    private int analyze(String... args) {
        CommandLine cli = Etwcorr.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        String[] all = new String[args.length + 1];
        all[0] = "analyze";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void aNonEmptyOutputDirectoryIsRefusedWithoutForce() throws Exception {
        Path input = Files.writeString(temp.resolve("in.jsonl"), EVENTS);
        Path out = Files.createDirectories(temp.resolve("out"));
        Path earlier = Files.writeString(out.resolve("anomalies.jsonl"), "earlier results\n");

        assertThat(analyze("--input", input.toString(), "--out", out.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--out " + out + " is not empty", "--force").doesNotContain("Exception");
        assertThat(Files.readString(earlier)).isEqualTo("earlier results\n");
    }

    @Test
    void anInputAmongTheOutputFilesIsNeverWrittenOverEvenWithForce() throws Exception {
        Path out = Files.createDirectories(temp.resolve("ov"));
        Path input = Files.writeString(out.resolve("anomalies.jsonl"), EVENTS);

        assertThat(analyze("--input", input.toString(), "--out", out.toString(), "--force")).isEqualTo(1);
        assertThat(err.toString()).contains("is one of the files analyze writes into --out");
        assertThat(Files.readString(input)).isEqualTo(EVENTS);
    }

    @Test
    void anOutputThatIsAFileOrCannotBeCreatedIsOneLine() throws Exception {
        Path input = Files.writeString(temp.resolve("in.jsonl"), EVENTS);
        assertThat(analyze("--input", input.toString(), "--out", input.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is a file; give a directory");

        assertThat(analyze("--input", input.toString(), "--out", input.resolve("below").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot write into --out").hasLineCount(2);
    }

    @Test
    void aPlainFileNamedGzIsRefused() throws Exception {
        Path fake = Files.writeString(temp.resolve("f.jsonl.gz"), EVENTS);
        assertThat(analyze("--input", fake.toString(), "--out", temp.resolve("out").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is named .gz but is not gzip-compressed").hasLineCount(1);
    }

    @Test
    void aJsonArrayOrUtf16InputGetsTheHintThatInputIsJsonLinesInUtf8() throws Exception {
        Path array = Files.writeString(temp.resolve("a.json"), "  [{\"v\":1},\n{\"v\":1}]\n");
        assertThat(analyze("--input", array.toString(), "--out", temp.resolve("o1").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is a JSON array; the input is JSON Lines in UTF-8");

        Path utf16 = temp.resolve("u.jsonl");
        Files.write(utf16, ("\uFEFF" + EVENTS).getBytes(StandardCharsets.UTF_16LE));
        assertThat(analyze("--input", utf16.toString(), "--out", temp.resolve("o2").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("looks like UTF-16 text; the input is JSON Lines in UTF-8");
    }

    @Test
    void aMissingInputSaysWhy() {
        assertThat(analyze("--input", temp.resolve("nope.jsonl").toString(), "--out", temp.resolve("o").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("cannot read --input", "nope.jsonl: no such file");
    }

    @Test
    void aTruncatedGzipIsReadUpToItsLastCompleteLineAndTheRestIsADeadLetter() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            lines.append("{\"v\":1,\"host\":\"WS-").append(i).append("\",\"payload\":\"").append(Integer.toHexString(i * 7919))
                    .append("\"}\n");
        }
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gzip)) {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = gzip.toByteArray();
        Path truncated = Files.write(temp.resolve("t.jsonl.gz"), Arrays.copyOf(whole, whole.length / 2));

        AnalyzeInputs checked = AnalyzeInputs.check(List.of(truncated), temp.resolve("scratch"));

        AnalyzeInputs.Source source = checked.sources().get(0);
        assertThat(source.name()).isEqualTo("t.jsonl.gz");
        List<String> salvaged = Files.readAllLines(source.path());
        assertThat(salvaged).isNotEmpty().hasSizeLessThan(2000);
        assertThat(lines.toString()).startsWith(String.join("\n", salvaged) + "\n");
        assertThat(checked.truncationDeadLetters()).hasSize(1);
        JsonNode deadLetter = new ObjectMapper().readTree(checked.truncationDeadLetters().get(0));
        assertThat(deadLetter.at("/error/type").asText()).isEqualTo("truncated_input");
        assertThat(deadLetter.at("/error/message").asText()).contains("gzip file ends early", salvaged.size() + " complete");
        assertThat(deadLetter.at("/etwcorr/deadletter/origin").asText()).isEqualTo("t.jsonl.gz:" + (salvaged.size() + 1));
    }

    @Test
    void aWholeGzipIsReadAsItIs() throws Exception {
        Path whole = temp.resolve("w.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write(EVENTS.getBytes(StandardCharsets.UTF_8));
        }
        AnalyzeInputs checked = AnalyzeInputs.check(List.of(whole), temp.resolve("scratch"));
        assertThat(checked.sources()).containsExactly(new AnalyzeInputs.Source(whole, "w.jsonl.gz"));
        assertThat(checked.truncationDeadLetters()).isEmpty();
        assertThat(temp.resolve("scratch")).doesNotExist();
    }
}
