package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.simulator.CorpusWriter;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code etwcorr collector replay}: a recorded file reaches etw.raw through the collector's delivery, whole. */
class CollectorReplayITCase {

    @Test
    void aRecordedFileArrivesWholeKeyedByHost(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("recording.jsonl.gz");
        CorpusWriter.write(FleetSpec.benign(3, 5, 600), recording);
        List<String> recorded = lines(recording);
        Path config = dir.resolve("collector.yaml");
        Files.writeString(config, "spool:\n  directory: " + dir.resolve("spool").toString().replace("\\", "/") + "\n");

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(2, "etw.raw");
            CommandLine cli = Etwcorr.commandLine();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            int exit = cli.execute("collector", "replay", "--config", config.toString(),
                    "--bootstrap-servers", kafka.bootstrapServers(), "--input", recording.toString());

            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains(String.format("%,d records", recorded.size()), "0 dropped", "0 undelivered");
            List<RawEvent> received = new ArrayList<>();
            for (var record : kafka.consume("etw.raw", recorded.size(), Duration.ofSeconds(60), false)) {
                RawEvent event = RawEventCodec.decode(record.value());
                assertThat(record.key()).isEqualTo(event.host());
                received.add(event);
            }
            assertThat(received).hasSize(recorded.size());
            List<RawEvent> expected = new ArrayList<>();
            for (String line : recorded) {
                expected.add(RawEventCodec.decode(line));
            }
            assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * At full speed a fleet's recording outruns the producer: replay must wait, not spool or drop.
     * Every line (malformed ones too, for the job to dead-letter) is in etw.raw, and the temporary
     * spool is gone.
     */
    @Test
    void aFullSpeedReplayLosesNothing(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("fleet.jsonl");
        CorpusWriter.write(FleetSpec.benign(40, 16, 1_200), dir.resolve("fleet.jsonl.gz"));
        List<String> lines = new ArrayList<>(lines(dir.resolve("fleet.jsonl.gz")));
        lines.add(100, "{not json");
        lines.add(5_000, "{\"v\":1}");
        Files.write(recording, lines);
        Path tmp = dir.resolve("tmp");
        Files.createDirectories(tmp);

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(4, "etw.raw");
            CommandLine cli = Etwcorr.commandLine();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            String previousTmp = System.getProperty("java.io.tmpdir");
            System.setProperty("java.io.tmpdir", tmp.toString());
            int exit;
            try {
                exit = cli.execute("collector", "replay", "--bootstrap-servers", kafka.bootstrapServers(),
                        "--input", recording.toString());
            } finally {
                System.setProperty("java.io.tmpdir", previousTmp);
            }

            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains(String.format("%,d records and 2 malformed lines", lines.size() - 2),
                    "0 spooled, 0 dropped, 0 undelivered");
            assertThat(kafka.consumeToEnd("etw.raw", Duration.ofSeconds(60), false)).hasSize(lines.size());
            try (var left = Files.list(tmp)) {
                assertThat(left.filter(file -> file.getFileName().toString().startsWith("etwcorr-replay-spool-")))
                        .as("the temporary spool is removed once everything was delivered").isEmpty();
            }
        }
    }

    private static List<String> lines(Path gzip) throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gzip)), StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank()).toList();
        }
    }
}
