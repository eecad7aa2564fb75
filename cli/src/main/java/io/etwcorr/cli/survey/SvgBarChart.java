package io.etwcorr.cli.survey;

import io.etwcorr.collector.survey.BarScale;
import io.etwcorr.collector.survey.Numbers;
import io.etwcorr.collector.survey.SurveyRow;

import java.util.List;
import java.util.Locale;

/** A horizontal bar chart of events/s as inline SVG: provider names left, bars right, the rate after each bar. */
final class SvgBarChart {

    static final double LABEL_WIDTH = 340;
    static final double BAR_WIDTH = 420;
    private static final double VALUE_WIDTH = 110;
    private static final double ROW_HEIGHT = 20;
    private static final double BAR_HEIGHT = 14;
    private static final double MARGIN = 6;

    private SvgBarChart() {
    }

    static String render(List<SurveyRow> talkers, BarScale scale) {
        double max = talkers.stream().mapToDouble(SurveyRow::eventsPerS).max().orElse(0);
        double width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
        double height = 2 * MARGIN + ROW_HEIGHT * talkers.size();
        StringBuilder svg = new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(number(width))
                .append("\" height=\"").append(number(height)).append("\" viewBox=\"0 0 ").append(number(width))
                .append(' ').append(number(height)).append("\" role=\"img\" aria-label=\"events per second by provider, ")
                .append(scale.description()).append("\">\n");
        for (int i = 0; i < talkers.size(); i++) {
            SurveyRow row = talkers.get(i);
            double top = MARGIN + i * ROW_HEIGHT;
            double barLength = max > 0 ? BAR_WIDTH * scale.fraction(row.eventsPerS(), max) : 0;
            double textBaseline = top + BAR_HEIGHT - 3;
            String name = Html.escape(row.provider());
            svg.append("<g>")
                    .append("<title>").append(name).append(": ").append(Numbers.perSecond(row.eventsPerS()))
                    .append(" events/s</title>")
                    .append("<text class=\"label\" x=\"").append(number(LABEL_WIDTH - 8)).append("\" y=\"")
                    .append(number(textBaseline)).append("\" text-anchor=\"end\">").append(name).append("</text>")
                    .append("<rect class=\"bar\" x=\"").append(number(LABEL_WIDTH)).append("\" y=\"").append(number(top))
                    .append("\" width=\"").append(number(barLength)).append("\" height=\"").append(number(BAR_HEIGHT))
                    .append("\"/>")
                    .append("<text class=\"value\" x=\"").append(number(LABEL_WIDTH + barLength + 6)).append("\" y=\"")
                    .append(number(textBaseline)).append("\">").append(Numbers.perSecond(row.eventsPerS()))
                    .append("</text>")
                    .append("</g>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
