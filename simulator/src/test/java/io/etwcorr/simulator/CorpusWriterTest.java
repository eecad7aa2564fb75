package io.etwcorr.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.schemas.raw.RawEventCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusWriterTest {
    private static final FleetSpec SPEC = FleetSpec.demo(2, 17).withDurationS(600);

    @Test
    void writesGzippedJsonLinesThatDecodeAndTheTruthBesideThem(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("corpus.jsonl.gz");
        GroundTruth truth = CorpusWriter.write(SPEC, events);

        List<String> lines;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(events)), StandardCharsets.UTF_8))) {
            lines = in.lines().toList();
        }
        assertThat(lines).hasSizeGreaterThan(1000);
        for (String line : lines) {
            RawEventCodec.decode(line);
        }
        assertThat(CorpusWriter.truthFile(events)).hasFileName("corpus.jsonl.gz.truth.json");
        assertThat(GroundTruth.read(CorpusWriter.truthFile(events))).isEqualTo(truth);
    }

    @Test
    void theSameSpecWritesTheSameBytes(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("a.jsonl");
        Path second = dir.resolve("b.jsonl");
        CorpusWriter.write(SPEC, first);
        CorpusWriter.write(SPEC, second);
        assertThat(Files.mismatch(first, second)).isEqualTo(-1);
        assertThat(Files.mismatch(CorpusWriter.truthFile(first), CorpusWriter.truthFile(second))).isEqualTo(-1);
    }
}
