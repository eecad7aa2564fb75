package io.etwcorr.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void goalsPassFallShortOrAreNotMeasured() {
        Goal rate = new Goal("rate", "r", 250_000, true);
        Goal latency = new Goal("p99", "l", 2000, false);
        assertThat(rate.verdict(250_000)).isEqualTo("PASS");
        assertThat(rate.verdict(249_999)).isEqualTo("SHORT");
        assertThat(latency.verdict(1999)).isEqualTo("PASS");
        assertThat(latency.verdict(2000)).isEqualTo("SHORT");
        assertThat(latency.verdict(Double.NaN)).isEqualTo("NOT MEASURED");
    }

    @Test
    void jsonIsOneLineWithEveryMeasurementAndTheVerdicts() throws Exception {
        BenchReport report = sample();
        String json = report.json();
        assertThat(json).doesNotContain("\n");
        JsonNode root = JSON.readTree(json);
        assertThat(root.get("commit").asText()).isEqualTo("abc123");
        assertThat(root.get("e2e_events_per_s").asLong()).isEqualTo(300_000);
        assertThat(root.get("e2e_ratio").asDouble()).isEqualTo(0.623);
        assertThat(root.get("latency_p99_ms").isNull()).isTrue();
        assertThat(root.get("goals").get("e2e_events_per_s").asText()).isEqualTo("PASS");
        assertThat(root.get("goals").get("e2e_ratio").asText()).isEqualTo("PASS");
        assertThat(root.get("goals").get("e2e_ratio_0.7").asText()).isEqualTo("SHORT");
        assertThat(root.get("goals").get("latency_p99_ms").asText()).isEqualTo("NOT MEASURED");
        assertThat(root.get("runtime_s").asDouble()).isEqualTo(12.3);
    }

    @Test
    void markdownHasTheMachineTheTableTheGoalsAndWhatIsMissing() {
        String md = sample().markdown();
        assertThat(md).startsWith("# Benchmarks\n")
                .contains("| Commit | `abc123` |")
                .contains("2 cores").contains("load average 1.50")
                .contains("| End to end | 300,000 | events/s |")
                .contains("| End to end / baseline | 0.623 | ratio |")
                .contains("| p99 | n/a | ms |")
                .contains("| rate >= 250k | 300,000 | PASS |")
                .contains("| p99 < 2 s | n/a | NOT MEASURED |")
                .contains("- **End to end** (`e2e_events_per_s`): how a | b")
                .contains("## What is not measured yet\n\n- state per key\n");
    }

    @Test
    void numbersAreFormattedForReading() {
        assertThat(BenchReport.format(1234567.8)).isEqualTo("1,234,568");
        assertThat(BenchReport.format(42.25)).isEqualTo("42.3");
        assertThat(BenchReport.format(0.61234)).isEqualTo("0.612");
        assertThat(BenchReport.format(Double.NaN)).isEqualTo("n/a");
        assertThat(BenchReport.format(0)).isEqualTo("0");
        assertThat(BenchReport.format(37)).isEqualTo("37");
    }

    private static BenchReport sample() {
        BenchReport report = new BenchReport(new BenchReport.Machine(2, 4L << 30, 8L << 30, 1.5, "Java 17", "Linux"),
                "abc123", "2026-11-25T21:00:00Z", "quick");
        report.add(new Measurement("e2e_events_per_s", "End to end", 300_000, "events/s", "how a | b"));
        report.add(new Measurement("e2e_ratio", "End to end / baseline", 0.62345, "ratio", "ratio"));
        report.add(new Measurement("latency_p99_ms", "p99", Double.NaN, "ms", "not run"));
        report.goal(new Goal("rate >= 250k", "e2e_events_per_s", 250_000, true));
        report.goal(new Goal("ratio >= 50%", "e2e_ratio", 0.5, true));
        report.goal(new Goal("ratio >= 70%", "e2e_ratio", 0.7, true));
        report.goal(new Goal("p99 < 2 s", "latency_p99_ms", 2000, false));
        report.notMeasured("state per key");
        report.runtimeSeconds(12.34);
        return report;
    }
}
