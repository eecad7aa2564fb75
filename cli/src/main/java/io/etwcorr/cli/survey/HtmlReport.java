package io.etwcorr.cli.survey;

import io.etwcorr.collector.survey.BarScale;
import io.etwcorr.collector.survey.Numbers;
import io.etwcorr.collector.survey.Stimulus;
import io.etwcorr.collector.survey.StimulusChange;
import io.etwcorr.collector.survey.SurveyReport;
import io.etwcorr.collector.survey.SurveyRow;

import java.util.List;

/**
 * The survey report as one HTML page that needs nothing else: inline CSS and SVG, no scripts,
 * so it can be mailed or attached to a ticket. It is also well-formed XML, which keeps it checkable.
 */
final class HtmlReport {

    static final int CHART_TALKERS = 30;

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.75em; text-align: left; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            .bar { fill: #3b6ea8; }
            .label, .value { font-size: 12px; }
            .note { color: #666; font-size: 0.9em; }
            """;

    private HtmlReport() {
    }

    static String render(SurveyReport report, BarScale scale) {
        List<SurveyRow> charted = report.topTalkers().subList(0, Math.min(CHART_TALKERS, report.topTalkers().size()));
        StringBuilder page = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>ETW provider survey</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>ETW provider survey</h1>\n")
                .append("<p class=\"summary\">").append(Html.escape(report.summaryLine())).append("</p>\n");
        if (!charted.isEmpty()) {
            page.append("<h2>Top ").append(charted.size()).append(" of ").append(report.topTalkers().size())
                    .append(" active providers by events/s</h2>\n")
                    .append(SvgBarChart.render(charted, scale))
                    .append("<p class=\"note\">Bar length on a ").append(scale.description()).append(".</p>\n");
        }
        appendSilent(page, report);
        if (!report.notSurveyed().isEmpty()) {
            appendNotSurveyed(page, report);
        }
        if (report.hasStimulus()) {
            appendStimulus(page, report);
        }
        return page.append("</body>\n</html>\n").toString();
    }

    private static void appendSilent(StringBuilder page, SurveyReport report) {
        List<SurveyRow> silent = report.silentProviders();
        page.append("<h2>Silent providers</h2>\n<p class=\"silent\">").append(silent.size()).append(" of ")
                .append(report.providerCount()).append(" providers logged no events in the baseline window.</p>\n");
        if (!silent.isEmpty()) {
            page.append("<details><summary>Their names</summary>\n<ul>\n");
            for (SurveyRow row : silent) {
                page.append("<li>").append(Html.escape(row.provider())).append(" <code>").append(Html.escape(row.guid()))
                        .append("</code></li>\n");
            }
            page.append("</ul>\n</details>\n");
        }
    }

    private static void appendNotSurveyed(StringBuilder page, SurveyReport report) {
        page.append("<h2>Not surveyed</h2>\n<p class=\"not-surveyed\">").append(report.notSurveyed().size())
                .append(" of ").append(report.providerCount()).append(" providers were not surveyed.</p>\n")
                .append("<details><summary>Their names and why</summary>\n<ul>\n");
        for (SurveyRow row : report.notSurveyed()) {
            page.append("<li>").append(Html.escape(row.provider())).append(" <code>").append(Html.escape(row.guid()))
                    .append("</code>: ").append(Html.escape(row.notSurveyed())).append("</li>\n");
        }
        page.append("</ul>\n</details>\n");
    }

    private static void appendStimulus(StringBuilder page, SurveyReport report) {
        List<StimulusChange> changes = report.stimulusChanges();
        page.append("<h2>Stimulus</h2>\n<p class=\"stimulus\">").append(changes.size())
                .append(" providers rose by ").append(Numbers.ratio(report.riseThreshold()))
                .append(" or more, or logged new event ids.</p>\n");
        if (changes.isEmpty()) {
            return;
        }
        page.append("<table class=\"stimulus\">\n<thead><tr><th>provider</th><th>guid</th><th>baseline/s</th>"
                + "<th>stimulus/s</th><th>ratio</th><th>new event ids</th></tr></thead>\n<tbody>\n");
        for (StimulusChange change : changes) {
            page.append("<tr><td>").append(Html.escape(change.row().provider())).append("</td><td><code>")
                    .append(Html.escape(change.row().guid())).append("</code></td>")
                    .append("<td class=\"number\">").append(Numbers.perSecond(change.baselinePerS())).append("</td>")
                    .append("<td class=\"number\">").append(Numbers.perSecond(change.stimulusPerS())).append("</td>")
                    .append("<td class=\"number\">").append(change.ratioLabel()).append("</td>")
                    .append("<td>").append(change.newEventIdsLabel()).append("</td></tr>\n");
        }
        page.append("</tbody>\n</table>\n");
    }
}
