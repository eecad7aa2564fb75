package io.etwcorr.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkRunnerTest {

    @Test
    void aStageThatDidNotCompleteReportsNullWithTheReasonNeverANumber() throws Exception {
        BenchReport report = new BenchReport(new BenchReport.Machine(2, 4L << 30, 8L << 30, 1.5, "Java 17", "Linux"),
                "abc123", "2026-11-25T21:00:00Z", "quick");
        List<String> progress = new ArrayList<>();

        Object result = BenchmarkRunner.stage("state, 1000 hosts", List.of("state_1000_hosts_events_per_s"), report,
                progress::add, () -> {
                    throw new EndToEndThroughput.StageIncompleteException(
                            "the job committed 0 of 150,000 events (the job ended FAILED)");
                });

        assertThat(result).isNull();
        JsonNode json = new ObjectMapper().readTree(report.json());
        assertThat(json.has("state_1000_hosts_events_per_s")).isTrue();
        assertThat(json.get("state_1000_hosts_events_per_s").isNull()).isTrue();
        assertThat(report.markdown()).contains("state, 1000 hosts stage did not complete: the job committed 0 of 150,000 "
                + "events (the job ended FAILED)");
        assertThat(progress).singleElement().asString().doesNotContain("Exception").contains("did not complete");
    }
}
