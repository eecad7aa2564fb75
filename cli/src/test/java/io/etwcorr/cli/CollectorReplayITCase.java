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
            assertThat(out.toString()).contains(String.format("%,d records", recorded.size()), "0 dropped");
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

    private static List<String> lines(Path gzip) throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gzip)), StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank()).toList();
        }
    }
}
