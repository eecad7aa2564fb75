package io.etwcorr.cli.fuzz;

import io.etwcorr.testkit.raw.ContractEvents;
import io.etwcorr.testkit.raw.MalformedRecords;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.cli.AnalyzeCommand;
import io.etwcorr.simulator.CorpusWriter;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.testkit.raw.MalformedRecords.Malformed;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 generated malformed records ({@link MalformedRecords}) scattered among a simulated fleet's
 * records, through the production job graph ({@code etwcorr analyze}, restarts disabled, so one
 * failure fails the run): every malformed record is in the dead-letter output with a reason, under its
 * own line number, and every other output equals that of the fleet's records alone.
 */
class MalformedInputITCase {
    private static final int MALFORMED = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void malformedRecordsAreDeadLetteredAndTheGoodOnesAroundThemProcessedAsAlone() throws Exception {
        Path good = temp.resolve("good.jsonl");
        CorpusWriter.write(FleetSpec.demo(5, 11).withDurationS(1200), good);
        List<String> goodLines = Files.readAllLines(good, StandardCharsets.UTF_8);

        Path mixed = temp.resolve("mixed.jsonl");
        Map<String, Malformed> malformedByOrigin = writeMixed(goodLines, mixed);

        AnalyzeCommand.Summary alone = AnalyzeCommand.analyze(List.of(good), temp.resolve("alone"), ConfigLoader.defaults());
        AnalyzeCommand.Summary withMalformed =
                AnalyzeCommand.analyze(List.of(mixed), temp.resolve("mixed"), ConfigLoader.defaults());

        assertThat(alone.recordsIn()).isEqualTo(goodLines.size());
        assertThat(withMalformed.recordsIn()).isEqualTo(goodLines.size() + MALFORMED);
        assertThat(lines("alone", "deadletter.jsonl")).isEmpty();
        List<String> deadLetters = lines("mixed", "deadletter.jsonl");
        assertThat(deadLetters).hasSize(MALFORMED);
        Set<String> origins = new HashSet<>();
        for (String line : deadLetters) {
            JsonNode record = JSON.readTree(line);
            String origin = record.at("/etwcorr/deadletter/origin").asText();
            assertThat(malformedByOrigin).as(line).containsKey(origin);
            assertThat(record.at("/error/type").asText()).as(line).isNotBlank();
            assertThat(record.at("/error/message").asText()).as(line).isNotBlank();
            origins.add(origin);
        }
        assertThat(origins).hasSize(MALFORMED);

        assertThat(lines("alone", "anomalies.jsonl")).isNotEmpty();
        for (String file : List.of("anomalies.jsonl", "connections.jsonl", "flows.jsonl")) {
            assertThat(lines("mixed", file)).as(file).isEqualTo(lines("alone", file));
        }
        // The malformed records with a readable envelope count in the health of their own host only.
        assertThat(lines("mixed", "health.jsonl").stream().filter(line -> !line.contains(ContractEvents.HOST)))
                .isEqualTo(lines("alone", "health.jsonl"));
    }

    /** The good lines in order with the malformed ones at random places between them; each malformed one by origin. */
    private static Map<String, Malformed> writeMixed(List<String> goodLines, Path mixed) throws Exception {
        Random random = new Random(29);
        Iterator<Malformed> malformed = MalformedRecords.any().sampleStream().limit(MALFORMED).iterator();
        Map<String, Malformed> byOrigin = new HashMap<>();
        double perGoodLine = (double) MALFORMED / goodLines.size();
        long lineNumber = 0;
        int written = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(mixed))) {
            for (int index = 0; index < goodLines.size(); index++) {
                boolean last = index == goodLines.size() - 1;
                int before = last ? MALFORMED - written : Math.min(MALFORMED - written, poisson(random, perGoodLine));
                for (int i = 0; i < before; i++) {
                    Malformed record = malformed.next();
                    out.write(record.bytes());
                    out.write('\n');
                    byOrigin.put(mixed.getFileName() + ":" + ++lineNumber, record);
                }
                written += before;
                out.write(goodLines.get(index).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                lineNumber++;
            }
        }
        assertThat(byOrigin).hasSize(MALFORMED);
        return byOrigin;
    }

    private static int poisson(Random random, double mean) {
        int count = 0;
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    private List<String> lines(String run, String file) throws Exception {
        return new ArrayList<>(Files.readAllLines(temp.resolve(run).resolve(file), StandardCharsets.UTF_8));
    }
}
