package io.etwcorr.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ReportPageTest {

    static Path fixtureRun() throws URISyntaxException {
        return Path.of(ReportPageTest.class.getResource("/report/run/anomalies.jsonl").toURI()).getParent();
    }

    @Test
    void everyAlertEpisodeIsOneCardWithItsLineageTimelineAndBytes() throws Exception {
        RunModel run = RunModel.fromDirectory(fixtureRun());
        String page = ReportPage.render(run, "fixture");

        assertThat(run.records(RunModel.Stream.ANOMALIES)).isEqualTo(6);
        int episodes = run.alerts().size();
        assertThat(episodes).isBetween(1, 6);
        assertThat(count(page, "<section class=\"alert-card\">")).isEqualTo(episodes);
        assertThat(count(page, "class=\"lineage\"")).isEqualTo(episodes);
        assertThat(count(page, "class=\"chart timeline\"")).isEqualTo(episodes);
        assertThat(count(page, "class=\"chart bytes\"")).isEqualTo(episodes);
        // the demo's implant: rundll32 injected by powershell, winword... patient zero marked
        assertThat(page).contains("class=\"edge injected\"", "node patient-zero", "node beaconing", "class=\"period\"",
                "class=\"jitter-band\"", "class=\"callback\"", "class=\"bytes-out\"", "class=\"bytes-in\"",
                "class=\"chart top-bytes\"", "class=\"chart top-destinations\"");
        // the hand-made gaps of WS-0002 appear in the fleet-health table
        assertThat(page).containsPattern("<tr class=\"problem\"><td>WS-0002</td><td class=\"number\">[0-9,]+</td>"
                + "<td class=\"number\">3</td><td class=\"number\">12</td>");
    }

    @Test
    void theRunsAlertOfTheImplantHasATimelineOfItsCallbacks() throws Exception {
        RunModel run = RunModel.fromDirectory(fixtureRun());
        var implant = run.alerts().stream().filter(a -> a.at("/process/name").asText().equals("rundll32.exe")).findFirst()
                .orElseThrow();
        List<java.time.Instant> callbacks = run.callbacksOf(implant);
        assertThat(callbacks).hasSizeGreaterThanOrEqualTo(implant.at("/beacon/callbacks").asInt() - 1).isSorted();
        assertThat(run.flowsOf(implant)).isNotEmpty();
    }

    @Test
    void thePageNeedsNothingFromTheNetworkAndRunsNoScript() throws Exception {
        String page = ReportPage.render(RunModel.fromDirectory(fixtureRun()), "fixture");
        assertThat(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContain("http://", "https://", "<script", " src=", "<link", "@import", "url(");
        Document dom = parse(page); // well-formed: checkable, and nothing half-escaped broke the markup
        assertThat(dom.getElementsByTagName("section").getLength()).isPositive();
    }

    @Test
    void textFromTheRecordsIsEscaped() throws Exception {
        RunModel run = new RunModel();
        run.accept(RunModel.Stream.ANOMALIES, """
                {"event":{"id":"x1"},"rule":{"name":"beacon"},"host":{"name":"WS-<b>1</b>"},
                 "process":{"pid":1,"entity_id":"e1","name":"<script>alert(1)</script>.exe","command_line":"a & \\"b\\""},
                 "destination":{"domain":"evil.example'><img>","ip":"203.0.113.7","port":443},
                 "beacon":{"interval_s":60,"jitter":0.1,"callbacks":3,"score":0.9},
                 "lineage":[{"pid":1,"entity_id":"e1","name":"<i>x</i>","edge":"root"}]}""".replace("\n", ""));
        run.accept(RunModel.Stream.HEALTH, "not json");
        String page = ReportPage.render(run, "<source>");

        assertThat(page).doesNotContain("<script>", "<b>1</b>", "<img>", "<i>x</i>", "<source>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;.exe", "WS-&lt;b&gt;1&lt;/b&gt;", "a &amp; &quot;b&quot;",
                        "1 line(s) that are not JSON skipped");
        parse(page);
    }

    @Test
    void aDirectoryThatIsNotAnAnalyzeRunIsAClearError(@org.junit.jupiter.api.io.TempDir Path empty) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunModel.fromDirectory(empty))
                .hasMessageContaining("anomalies.jsonl is missing").hasMessageContaining("etwcorr analyze");
    }

    @Test
    void bytesOfABucketAreSharedByItsCallbacks() {
        java.time.Instant start = java.time.Instant.parse("2026-11-25T08:00:00Z");
        List<long[]> bytes = ReportPage.bytesPerCallback(
                List.of(start.plusSeconds(10), start.plusSeconds(40), start.plusSeconds(70)),
                List.of(new RunModel.FlowBucket(start, start.plusSeconds(60), 400, 200),
                        new RunModel.FlowBucket(start.plusSeconds(60), start.plusSeconds(120), 300, 90)));
        assertThat(bytes).containsExactly(new long[] {200, 100}, new long[] {200, 100}, new long[] {300, 90});
    }

    static Document parse(String page) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
