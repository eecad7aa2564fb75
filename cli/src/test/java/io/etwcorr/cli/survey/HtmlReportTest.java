package io.etwcorr.cli.survey;

import io.etwcorr.collector.survey.BarScale;
import io.etwcorr.collector.survey.Stimulus;
import io.etwcorr.collector.survey.SurveyCsv;
import io.etwcorr.collector.survey.SurveyFormatException;
import io.etwcorr.collector.survey.SurveyReport;
import io.etwcorr.collector.survey.SurveyRow;
import io.etwcorr.testkit.survey.SurveyCsvFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class HtmlReportTest {
    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final String BASELINE_HTML = html(SurveyReport.of(rows(SurveyCsvFixtures.BASELINE)));
    private static final String STIMULUS_HTML = html(SurveyReport.of(rows(SurveyCsvFixtures.STIMULUS)));

    @Test
    void thePageIsWellFormedAndNeedsNothingElse() throws Exception {
        for (String html : List.of(BASELINE_HTML, STIMULUS_HTML)) {
            Document page = parse(html);
            assertThat(page.getDocumentElement().getTagName()).isEqualTo("html");
            assertThat(html).startsWith("<!DOCTYPE html>\n")
                    .doesNotContain("<script", "<link", "src=", "href=", "url(", "@import")
                    .contains("<svg xmlns=\"" + SVG + "\"");
        }
    }

    @Test
    void theChartHasOneBarPerActiveProviderUpToThirtyLoudestFirst() throws Exception {
        Document page = parse(BASELINE_HTML);
        List<Element> bars = svgElements(page, "rect");
        List<Element> labels = svgElements(page, "text").stream().filter(t -> t.getAttribute("class").equals("label")).toList();

        assertThat(bars).hasSize(27);
        assertThat(labels).extracting(Element::getTextContent).startsWith("Microsoft-Windows-Kernel-File", "Microsoft-Windows-RPC")
                .contains("Acme <Telemetry> & Co", "Contoso, Inc. Agent");
        assertThat(widths(bars)).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(widths(bars).get(0)).isEqualTo(SvgBarChart.BAR_WIDTH);
        assertThat(BASELINE_HTML).contains("Top 27 of 27 active providers by events/s");
    }

    @Test
    void providersThatWereNotSurveyedAreListedWithTheirReasonEscaped() throws Exception {
        String guid = "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716";
        String html = html(SurveyReport.of(List.of(
                new SurveyRow("busy", guid, 10, 5, 0.5, List.of(), List.of(), null),
                SurveyRow.notSurveyed("Acme <Kernel>", guid, 10, false, "classic (MOF) provider: \"left alone\""))));

        parse(html);
        assertThat(html).contains("<h2>Not surveyed</h2>\n<p class=\"not-surveyed\">1 of 2 providers were not surveyed.</p>")
                .contains("<li>Acme &lt;Kernel&gt; <code>" + guid + "</code>: classic (MOF) provider: &quot;left alone&quot;</li>")
                .contains("0 of 2 providers logged no events");
    }

    @Test
    void onlyThirtyTalkersAreCharted() throws Exception {
        List<SurveyRow> rows = new ArrayList<>();
        for (int i = 1; i <= 45; i++) {
            rows.add(new SurveyRow("p" + i, "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716", 10, i, i / 10.0, List.of(), List.of(), null));
        }
        String html = html(SurveyReport.of(rows));
        assertThat(svgElements(parse(html), "rect")).hasSize(HtmlReport.CHART_TALKERS);
        assertThat(html).contains("Top 30 of 45 active providers by events/s");
    }

    @Test
    void theLogScaleIsTheDefaultAndSaysSo() throws Exception {
        List<Double> log = widths(svgElements(parse(BASELINE_HTML), "rect"));
        String linearHtml = HtmlReport.render(SurveyReport.of(rows(SurveyCsvFixtures.BASELINE)), BarScale.LINEAR);
        List<Double> linear = widths(svgElements(parse(linearHtml), "rect"));

        assertThat(BASELINE_HTML).contains("Bar length on a log scale, log10(1 + events/s).");
        assertThat(linearHtml).contains("Bar length on a linear scale.");
        // RPC logs 6041.1/s against Kernel-File's 9821.3/s.
        assertThat(linear.get(1)).isCloseTo(SvgBarChart.BAR_WIDTH * 6041.1 / 9821.3, within(0.1));
        assertThat(log.get(1)).isCloseTo(SvgBarChart.BAR_WIDTH * Math.log1p(6041.1) / Math.log1p(9821.3), within(0.1));
        // Winlogon's 0.1/s vanishes on the linear scale but stays visible on the log scale.
        assertThat(linear.get(linear.size() - 1)).isLessThan(0.1);
        assertThat(log.get(log.size() - 1)).isGreaterThan(4.0);
    }

    @Test
    void providerNamesAreEscapedEverywhere() {
        assertThat(BASELINE_HTML).contains("Acme &lt;Telemetry&gt; &amp; Co", "Vendor &quot;Quoted&quot; Provider")
                .doesNotContain("<Telemetry>", "Vendor \"Quoted\"");
    }

    @Test
    void theSilentProvidersAreCountedAndNamed() throws Exception {
        assertThat(BASELINE_HTML).contains("<p class=\"silent\">13 of 40 providers logged no events in the baseline window.</p>");
        assertThat(parse(BASELINE_HTML).getElementsByTagName("li").getLength()).isEqualTo(13);
    }

    @Test
    void theStimulusTableListsTheChanges() throws Exception {
        assertThat(BASELINE_HTML).doesNotContain("Stimulus");
        Element table = (Element) parse(STIMULUS_HTML).getElementsByTagName("tbody").item(0);
        NodeList rows = table.getElementsByTagName("tr");
        assertThat(rows.getLength()).isEqualTo(6);
        assertThat(cells((Element) rows.item(1))).containsExactly(
                "Microsoft-Windows-DNS-Client", "be269f70-cfd7-fc9f-6b87-784c9acd881a", "0.20", "15.00", "75.0x", "3006 3008 3020");
        assertThat(cells((Element) rows.item(0))).element(4).isEqualTo("new");
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    private static List<Element> svgElements(Document page, String name) {
        NodeList nodes = page.getElementsByTagNameNS(SVG, name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static List<Double> widths(List<Element> bars) {
        return bars.stream().map(bar -> Double.parseDouble(bar.getAttribute("width"))).toList();
    }

    private static List<String> cells(Element row) {
        NodeList cells = row.getElementsByTagName("td");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < cells.getLength(); i++) {
            texts.add(cells.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void anEmptySurveyStillRenders() {
        assertThat(html(SurveyReport.of(List.of()))).contains("The survey holds no providers.").doesNotContain("<svg");
    }

    private static String html(SurveyReport report) {
        return HtmlReport.render(report, BarScale.LOG);
    }

    private static List<SurveyRow> rows(String fixture) {
        try {
            return SurveyCsv.parse(fixture, SurveyCsvFixtures.text(fixture));
        } catch (SurveyFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
