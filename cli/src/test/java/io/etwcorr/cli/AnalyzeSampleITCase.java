package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code etwcorr analyze} over the checked-in sample (src/test/resources/analyze/sample.jsonl) in a
 * MiniCluster: every output file must equal the hand-checked one beside it, line by line, whatever
 * the parallelism and whether the input is gzip-compressed.
 *
 * <p>The sample has three hosts, lines interleaved: WS-0042 (a DNS answer through a CNAME chain with
 * an IPv4-mapped address, a connection joined with it, PID reuse by another process that connects to
 * the same address without resolving it, a duplicate record, a heartbeat reporting ETW losses, and a
 * truncated line that is its seq 10), WS-0077 with its clock ten minutes behind (an IPv6 connection
 * whose line comes before the DNS answer it follows, a UDP flow, two buckets) and SRV-DB01 (a process
 * known only by its rundown accepting an inbound connection).
 */
class AnalyzeSampleITCase {

    private static final String SAMPLE = "sample.jsonl";
    /** Lines of the sample that are not blank. */
    private static final long RECORDS = 28;
    private static final Map<String, SchemaId> SCHEMAS = Map.of(
            "anomalies.jsonl", SchemaId.ANOMALY,
            "connections.jsonl", SchemaId.CONNECTION,
            "flows.jsonl", SchemaId.FLOW,
            "health.jsonl", SchemaId.HEALTH,
            "deadletter.jsonl", SchemaId.DEADLETTER);
    private static final String SKEWED_HOST = "WS-0077";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(AnalyzeSampleITCase.class.getResource("/analyze/" + name).toURI());
    }

    private Path input(boolean gzip) throws Exception {
        Path sample = resource(SAMPLE);
        if (!gzip) {
            return sample;
        }
        Path compressed = temp.resolve(SAMPLE + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(compressed))) {
            Files.copy(sample, out);
        }
        return compressed;
    }

    private AnalyzeCommand.Summary analyze(Path input, int parallelism, Path out) throws Exception {
        EtwcorrConfig config = ConfigLoader.defaults();
        config.job.parallelism = parallelism;
        return AnalyzeCommand.analyze(List.of(input), out, config);
    }

    /** The expected lines of {@code file}; dead letters name the file they came from. */
    private static List<String> expected(String file, Path input) throws Exception {
        return Files.readAllLines(resource("expected/" + file), StandardCharsets.UTF_8).stream()
                .map(line -> line.replace("\"origin\":\"" + SAMPLE + ":", "\"origin\":\"" + input.getFileName() + ":"))
                .toList();
    }

    private static List<String> lines(Path out, String file) throws IOException {
        return Files.readAllLines(out.resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    void theSampleGivesTheHandCheckedRecordsAndEachValidatesAgainstItsSchema() throws Exception {
        Path out = temp.resolve("out");
        AnalyzeCommand.Summary summary = analyze(input(false), 2, out);

        assertThat(summary.recordsIn()).isEqualTo(RECORDS);
        for (String file : AnalyzeCommand.FILES) {
            List<String> lines = lines(out, file);
            assertThat(lines).as(file).containsExactlyElementsOf(expected(file, input(false)));
            for (String line : lines) {
                assertThat(SchemaValidator.validate(SCHEMAS.get(file), line)).as(file + ": " + line).isEmpty();
            }
        }
        assertThat(summary.lines()).containsExactly(0, 5, 6, 5, 1);
    }

    @Test
    void theHostTenMinutesBehindHasAllItsConnectionsAndFlowsAndNothingLate() throws Exception {
        Path out = temp.resolve("out");
        analyze(input(false), 2, out);

        assertThat(ofHost(out, "connections.jsonl", SKEWED_HOST))
                .extracting(connection -> connection.at("/network/transport").asText() + " "
                        + connection.at("/dns/question/name").asText("-"))
                .containsExactly("tcp www.example.org", "udp -");
        assertThat(ofHost(out, "flows.jsonl", SKEWED_HOST)).hasSize(3);
        assertThat(ofHost(out, "health.jsonl", SKEWED_HOST)).hasSize(2)
                .allSatisfy(health -> assertThat(health.at("/etwcorr/health/late").asLong()).isZero());
        assertThat(parsed(out, "health.jsonl"))
                .allSatisfy(health -> assertThat(health.at("/etwcorr/health/late").asLong()).isZero());
    }

    @ParameterizedTest(name = "gzip={0}, parallelism={1}")
    @CsvSource({"false, 1", "false, 2", "true, 1", "true, 2"})
    void theSameInputGivesTheSameRecords(boolean gzip, int parallelism) throws Exception {
        Path input = input(gzip);
        Path out = temp.resolve("out");

        AnalyzeCommand.Summary summary = analyze(input, parallelism, out);

        assertThat(summary.recordsIn()).isEqualTo(RECORDS);
        for (String file : AnalyzeCommand.FILES) {
            assertThat(lines(out, file)).as(file).containsExactlyElementsOf(expected(file, input));
        }
    }

    private static List<JsonNode> parsed(Path out, String file) throws IOException {
        return lines(out, file).stream().map(AnalyzeSampleITCase::parse).toList();
    }

    private static List<JsonNode> ofHost(Path out, String file, String host) throws IOException {
        return parsed(out, file).stream().filter(record -> record.at("/host/name").asText().equals(host)).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
