package io.etwcorr.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.etwcorr.cli.survey.Html;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The inline SVG pictures of the report page: lineage tree, callback timeline, bytes per callback, bars. */
final class ReportCharts {
    private static final double WIDTH = 530;
    private static final double NODE_HEIGHT = 26;
    private static final double NODE_GAP = 18;
    private static final double INDENT = 26;
    private static final double NODE_WIDTH = 230;

    private ReportCharts() {
    }

    /**
     * The alert's lineage, oldest first, one box per process indented under the one before it;
     * parent edges solid, injection edges dashed and labeled; patient zero and the beaconing process marked.
     */
    static String lineage(JsonNode alert) {
        JsonNode lineage = alert.path("lineage");
        String patientZero = alert.at("/patient_zero/entity_id").asText(null);
        String beaconing = alert.at("/process/entity_id").asText(null);
        double height = Math.max(1, lineage.size()) * (NODE_HEIGHT + NODE_GAP);
        StringBuilder svg = open("lineage", WIDTH, height, "process lineage");
        for (int i = 0; i < lineage.size(); i++) {
            JsonNode entry = lineage.get(i);
            double x = 4 + i * INDENT;
            double y = 4 + i * (NODE_HEIGHT + NODE_GAP);
            if (i > 0) {
                boolean injected = "injected".equals(entry.path("edge").asText());
                double parentX = x - INDENT + 10;
                double parentBottom = y - NODE_GAP;
                svg.append("<path class=\"edge ").append(injected ? "injected" : "parent").append("\" d=\"M")
                        .append(n(parentX)).append(',').append(n(parentBottom)).append(" V").append(n(y + NODE_HEIGHT / 2))
                        .append(" H").append(n(x)).append("\"/>");
                if (injected) {
                    svg.append("<text class=\"edge-label\" x=\"").append(n(parentX + 6)).append("\" y=\"")
                            .append(n(parentBottom + 12)).append("\">injected</text>");
                }
            }
            String entity = entry.path("entity_id").asText();
            StringBuilder classes = new StringBuilder("node");
            String mark = "";
            if (entity.equals(patientZero)) {
                classes.append(" patient-zero");
                mark = "patient zero";
            }
            if (entity.equals(beaconing)) {
                classes.append(" beaconing");
                mark = mark.isEmpty() ? "beaconing" : mark + ", beaconing";
            }
            svg.append("<g class=\"").append(classes).append("\"><title>")
                    .append(Html.escape(entry.path("executable").asText(entry.path("name").asText("?"))))
                    .append("</title><rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
                    .append(n(NODE_WIDTH)).append("\" height=\"").append(n(NODE_HEIGHT)).append("\" rx=\"4\"/>")
                    .append("<text x=\"").append(n(x + 8)).append("\" y=\"").append(n(y + 17)).append("\">")
                    .append(Html.escape(entry.path("name").asText("?"))).append(" (pid ").append(entry.path("pid").asLong())
                    .append(")</text>");
            if (!mark.isEmpty()) {
                svg.append("<text class=\"mark\" x=\"").append(n(x + NODE_WIDTH + 8)).append("\" y=\"").append(n(y + 17))
                        .append("\">◀ ").append(mark).append("</text>");
            }
            svg.append("</g>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * Interval since the previous callback over time: the detected period as a line, the jitter band
     * around it, one dot per callback.
     */
    static String timeline(List<Instant> callbacks, double periodS, double jitter) {
        double height = 200;
        double left = 48;
        double right = WIDTH - 10;
        double top = 10;
        double bottom = height - 28;
        StringBuilder svg = open("chart timeline", WIDTH, height, "interval between callbacks over time");
        if (callbacks.size() < 2) {
            return svg.append(empty(height, "fewer than two callbacks in the connection records")).append("</svg>\n").toString();
        }
        double span = Math.max(1, seconds(callbacks.get(0), callbacks.get(callbacks.size() - 1)));
        double maxInterval = periodS * (1 + jitter) * 1.2;
        for (int i = 1; i < callbacks.size(); i++) {
            maxInterval = Math.max(maxInterval, seconds(callbacks.get(i - 1), callbacks.get(i)) * 1.1);
        }
        double scaleY = (bottom - top) / Math.max(1, maxInterval);
        double bandTop = bottom - periodS * (1 + jitter) * scaleY;
        double bandBottom = bottom - Math.max(0, periodS * (1 - jitter)) * scaleY;
        svg.append("<rect class=\"jitter-band\" x=\"").append(n(left)).append("\" y=\"").append(n(bandTop))
                .append("\" width=\"").append(n(right - left)).append("\" height=\"").append(n(bandBottom - bandTop))
                .append("\"><title>jitter band ±").append(percent(jitter)).append("</title></rect>")
                .append("<line class=\"period\" x1=\"").append(n(left)).append("\" x2=\"").append(n(right))
                .append("\" y1=\"").append(n(bottom - periodS * scaleY)).append("\" y2=\"").append(n(bottom - periodS * scaleY))
                .append("\"/>")
                .append("<text class=\"axis\" x=\"").append(n(right)).append("\" y=\"").append(n(Math.max(top + 8, bandTop - 4)))
                .append("\" text-anchor=\"end\">period ").append(n(periodS)).append(" s, jitter ").append(percent(jitter))
                .append("</text>");
        axes(svg, left, right, top, bottom, n(maxInterval) + " s", "0 s", "+" + duration(span));
        for (int i = 1; i < callbacks.size(); i++) {
            double interval = seconds(callbacks.get(i - 1), callbacks.get(i));
            double x = left + (right - left) * seconds(callbacks.get(0), callbacks.get(i)) / span;
            svg.append("<circle class=\"callback\" cx=\"").append(n(x)).append("\" cy=\"").append(n(bottom - interval * scaleY))
                    .append("\" r=\"3.5\"><title>").append(callbacks.get(i)).append(": ").append(n(interval))
                    .append(" s after the previous callback</title></circle>");
        }
        return svg.append("</svg>\n").toString();
    }

    /** Bytes out (up) and in (down) per callback, one pair of bars per callback. */
    static String bytes(List<long[]> perCallback) {
        double height = 160;
        double left = 48;
        double right = WIDTH - 10;
        double middle = height / 2;
        StringBuilder svg = open("chart bytes", WIDTH, height, "bytes out and in per callback");
        if (perCallback.isEmpty()) {
            return svg.append(empty(height, "no flow records for this process and destination")).append("</svg>\n").toString();
        }
        long max = 1;
        for (long[] pair : perCallback) {
            max = Math.max(max, Math.max(pair[0], pair[1]));
        }
        double slot = (right - left) / perCallback.size();
        double barWidth = Math.max(1, slot * 0.7);
        double scale = (middle - 14) / max;
        for (int i = 0; i < perCallback.size(); i++) {
            long[] pair = perCallback.get(i);
            double x = left + i * slot;
            svg.append("<rect class=\"bytes-out\" x=\"").append(n(x)).append("\" y=\"").append(n(middle - pair[0] * scale))
                    .append("\" width=\"").append(n(barWidth)).append("\" height=\"").append(n(pair[0] * scale))
                    .append("\"><title>callback ").append(i + 1).append(": ").append(pair[0]).append(" B out</title></rect>")
                    .append("<rect class=\"bytes-in\" x=\"").append(n(x)).append("\" y=\"").append(n(middle))
                    .append("\" width=\"").append(n(barWidth)).append("\" height=\"").append(n(pair[1] * scale))
                    .append("\"><title>callback ").append(i + 1).append(": ").append(pair[1]).append(" B in</title></rect>");
        }
        svg.append("<line class=\"axis\" x1=\"").append(n(left)).append("\" x2=\"").append(n(right)).append("\" y1=\"")
                .append(n(middle)).append("\" y2=\"").append(n(middle)).append("\"/>")
                .append("<text class=\"axis\" x=\"").append(n(left - 4)).append("\" y=\"14\" text-anchor=\"end\">")
                .append(max).append(" B</text>")
                .append("<text class=\"axis\" x=\"").append(n(left - 4)).append("\" y=\"").append(n(middle - 4))
                .append("\" text-anchor=\"end\">out</text>")
                .append("<text class=\"axis\" x=\"").append(n(left - 4)).append("\" y=\"").append(n(middle + 12))
                .append("\" text-anchor=\"end\">in</text>");
        return svg.append("</svg>\n").toString();
    }

    /** Horizontal bars, one per labeled value, the value after each bar. */
    static String bars(String cssClass, String label, List<String> names, List<Long> values, String unit) {
        double rowHeight = 20;
        double labelWidth = 260;
        double barSpace = WIDTH - labelWidth - 90;
        double height = 8 + rowHeight * Math.max(1, names.size());
        StringBuilder svg = open("chart " + cssClass, WIDTH, height, label);
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        for (int i = 0; i < names.size(); i++) {
            double y = 4 + i * rowHeight;
            double length = max > 0 ? barSpace * values.get(i) / max : 0;
            svg.append("<g><text class=\"axis\" x=\"").append(n(labelWidth - 6)).append("\" y=\"").append(n(y + 12))
                    .append("\" text-anchor=\"end\">").append(Html.escape(names.get(i))).append("</text>")
                    .append("<rect class=\"bar\" x=\"").append(n(labelWidth)).append("\" y=\"").append(n(y))
                    .append("\" width=\"").append(n(length)).append("\" height=\"14\"/>")
                    .append("<text class=\"axis\" x=\"").append(n(labelWidth + length + 6)).append("\" y=\"").append(n(y + 12))
                    .append("\">").append(String.format(Locale.ROOT, "%,d", values.get(i))).append(unit).append("</text></g>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String cssClass, double width, double height, String label) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(cssClass)
                .append("\" width=\"").append(n(width)).append("\" height=\"").append(n(height)).append("\" viewBox=\"0 0 ")
                .append(n(width)).append(' ').append(n(height)).append("\" role=\"img\" aria-label=\"").append(label)
                .append("\">\n");
    }

    private static void axes(StringBuilder svg, double left, double right, double top, double bottom, String yMax,
            String xStart, String xEnd) {
        svg.append("<path class=\"axis\" d=\"M").append(n(left)).append(',').append(n(top)).append(" V").append(n(bottom))
                .append(" H").append(n(right)).append("\"/>")
                .append("<text class=\"axis\" x=\"").append(n(left - 4)).append("\" y=\"").append(n(top + 8))
                .append("\" text-anchor=\"end\">").append(yMax).append("</text>")
                .append("<text class=\"axis\" x=\"").append(n(left)).append("\" y=\"").append(n(bottom + 16)).append("\">")
                .append(xStart).append("</text>")
                .append("<text class=\"axis\" x=\"").append(n(right)).append("\" y=\"").append(n(bottom + 16))
                .append("\" text-anchor=\"end\">").append(xEnd).append("</text>");
    }

    private static String empty(double height, String why) {
        return "<text class=\"axis\" x=\"12\" y=\"" + n(height / 2) + "\">" + Html.escape(why) + "</text>";
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
