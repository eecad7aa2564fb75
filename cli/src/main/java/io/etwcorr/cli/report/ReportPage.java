package io.etwcorr.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.etwcorr.cli.report.RunModel.FlowBucket;
import io.etwcorr.cli.report.RunModel.HostHealth;
import io.etwcorr.cli.report.RunModel.ProcessTraffic;
import io.etwcorr.cli.report.RunModel.Stream;
import io.etwcorr.cli.survey.Html;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run as one HTML page that needs nothing else (inline CSS and SVG, no scripts, no network):
 * the summary, one card per alert with its lineage, callback timeline and bytes per callback,
 * fleet health, and the top processes by bytes and by distinct destinations.
 */
public final class ReportPage {
    static final int TOP_PROCESSES = 10;

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 1200px; color: #222; }
            h1 { margin-bottom: 0.2em; }
            .summary { color: #444; }
            .alert-card { border: 1px solid #c9c9c9; border-left: 6px solid #c0392b; border-radius: 6px;
                          padding: 0.8em 1.2em; margin: 1.2em 0; background: #fffdfb; }
            .alert-card h3 { margin: 0 0 0.4em 0; }
            .facts td { padding: 0.1em 0.8em 0.1em 0; vertical-align: top; }
            .facts td:first-child { color: #666; }
            .charts { display: flex; flex-wrap: wrap; gap: 1em; }
            .charts figure { margin: 0.4em 0; max-width: 540px; }
            figcaption { font-size: 0.85em; color: #555; }
            table.grid { border-collapse: collapse; margin: 0.6em 0; }
            table.grid th, table.grid td { border-bottom: 1px solid #ddd; padding: 0.2em 0.7em; text-align: left; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            tr.problem td { background: #fdecea; }
            svg text { font-size: 12px; fill: #222; }
            .node rect { fill: #eef3f8; stroke: #6b8bb0; }
            .node.patient-zero rect { fill: #fff3cd; stroke: #b8860b; stroke-width: 2; }
            .node.beaconing rect { fill: #fdecea; stroke: #c0392b; stroke-width: 2; }
            .mark { font-weight: bold; fill: #8a1f11; }
            .edge { fill: none; stroke: #555; stroke-width: 1.5; }
            .edge.injected { stroke: #c0392b; stroke-dasharray: 5 3; stroke-width: 2; }
            .edge-label { fill: #c0392b; font-size: 11px; }
            .axis { stroke: #888; fill: none; }
            text.axis { fill: #555; stroke: none; font-size: 11px; }
            .jitter-band { fill: #d6e9d2; }
            .period { stroke: #2e7d32; stroke-width: 1.5; stroke-dasharray: 4 2; }
            .callback { fill: #c0392b; }
            .bytes-out { fill: #3b6ea8; }
            .bytes-in { fill: #e08e0b; }
            .bar { fill: #3b6ea8; }
            .note { color: #666; font-size: 0.9em; }
            """;

    private ReportPage() {
    }

    /** The page; {@code source} says where the records came from (a directory, a Kafka, the demo). */
    public static String render(RunModel run, String source) {
        List<JsonNode> alerts = run.alerts();
        StringBuilder page = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>etwcorr report</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>etwcorr report</h1>\n<p class=\"summary\">").append(Html.escape(summary(run, source, alerts)))
                .append("</p>\n<h2>Alerts</h2>\n");
        if (alerts.isEmpty()) {
            page.append("<p class=\"no-alerts\">No alerts in this run.</p>\n");
        }
        for (JsonNode alert : alerts) {
            appendCard(page, run, alert);
        }
        appendHealth(page, run);
        appendTopProcesses(page, run);
        return page.append("</body>\n</html>\n").toString();
    }

    static String summary(RunModel run, String source, List<JsonNode> alerts) {
        StringBuilder text = new StringBuilder(source).append(": ").append(alerts.size()).append(" alert(s)");
        for (Stream stream : Stream.values()) {
            text.append(String.format(Locale.ROOT, ", %,d %s", run.records(stream),
                    stream.file.substring(0, stream.file.indexOf('.'))));
        }
        text.append(", ").append(run.hosts().size()).append(" host(s)");
        if (run.unreadable() > 0) {
            text.append(", ").append(run.unreadable()).append(" line(s) that are not JSON skipped");
        }
        return text.append('.').toString();
    }

    private static void appendCard(StringBuilder page, RunModel run, JsonNode alert) {
        JsonNode process = alert.path("process");
        JsonNode destination = alert.path("destination");
        JsonNode beacon = alert.path("beacon");
        String address = destination.hasNonNull("ip")
                ? destination.path("ip").asText() + ":" + destination.path("port").asInt() : "(DNS only)";
        page.append("<section class=\"alert-card\">\n<h3>")
                .append(Html.escape(alert.at("/rule/name").asText("beacon"))).append(" on ")
                .append(Html.escape(alert.at("/host/name").asText("?"))).append(": ")
                .append(Html.escape(process.path("name").asText("?"))).append(" → ")
                .append(Html.escape(destination.path("domain").asText(address)))
                .append(String.format(Locale.ROOT, " <small>(score %.2f)</small>", beacon.path("score").asDouble()))
                .append("</h3>\n<table class=\"facts\">\n");
        fact(page, "process", process.path("name").asText("?") + " (pid " + process.path("pid").asLong() + ")  "
                + process.path("executable").asText(""));
        if (process.hasNonNull("command_line")) {
            fact(page, "command line", process.path("command_line").asText());
        }
        fact(page, "destination", destination.path("domain").asText("-") + "  " + address);
        fact(page, "beacon", String.format(Locale.ROOT,
                "every %.1f s, jitter %.0f%%, %d callbacks, %d B out / %d B in (medians), %d host(s) contact it",
                beacon.path("interval_s").asDouble(), 100 * beacon.path("jitter").asDouble(),
                beacon.path("callbacks").asLong(), beacon.path("bytes_out_median").asLong(),
                beacon.path("bytes_in_median").asLong(), beacon.path("hosts_contacting_destination").asLong()));
        fact(page, "seen", beacon.path("first_seen").asText("?") + " … " + beacon.path("last_seen").asText("?"));
        fact(page, "patient zero", alert.at("/patient_zero/name").asText("?") + " (pid "
                + alert.at("/patient_zero/pid").asLong() + "): " + alert.at("/patient_zero/reason").asText(""));
        fact(page, "ATT&CK", join(alert.at("/threat/tactic/name")) + ": " + join(alert.at("/threat/technique/id")));
        page.append("</table>\n<div class=\"charts\">\n")
                .append("<figure>").append(ReportCharts.lineage(alert))
                .append("<figcaption>Lineage, oldest first: patient zero and the beaconing process marked; "
                        + "dashed red edges are injections.</figcaption></figure>\n");
        List<Instant> connections = run.callbacksOf(alert);
        List<FlowBucket> flows = run.flowsOf(alert);
        // a beacon on a kept-alive connection connects once: its send bursts show only as flow buckets
        boolean fromFlows = connections.size() < 2 && flows.size() >= 2;
        List<Instant> callbacks = fromFlows ? flows.stream().map(FlowBucket::start).toList() : connections;
        page.append("<figure>")
                .append(ReportCharts.timeline(callbacks, beacon.path("interval_s").asDouble(), beacon.path("jitter").asDouble()))
                .append("<figcaption>Interval since the previous callback (").append(callbacks.size())
                .append(fromFlows ? " flow buckets with traffic: a kept-alive connection, so to the bucket's minute"
                        : " connections in this episode")
                .append("), with the detected period and its jitter band.</figcaption></figure>\n")
                .append("<figure>").append(ReportCharts.bytes(bytesPerCallback(callbacks, flows)))
                .append("<figcaption>Bytes out (blue, up) and in (orange, down) per callback: each flow bucket's "
                        + "bytes shared by the callbacks in it.</figcaption></figure>\n")
                .append("</div>\n</section>\n");
    }

    /**
     * Bytes per callback from the flow buckets: a bucket's bytes are shared by the callbacks that fall
     * in it; without connection records (keep-alive beacons), each bucket counts as one callback.
     */
    static List<long[]> bytesPerCallback(List<Instant> callbacks, List<FlowBucket> buckets) {
        List<long[]> perCallback = new ArrayList<>();
        for (FlowBucket bucket : buckets) {
            long inBucket = callbacks.stream()
                    .filter(at -> !at.isBefore(bucket.start()) && at.isBefore(bucket.end())).count();
            long share = Math.max(1, inBucket);
            for (long i = 0; i < share; i++) {
                perCallback.add(new long[] {bucket.bytesOut() / share, bucket.bytesIn() / share});
            }
        }
        return perCallback;
    }

    private static void appendHealth(StringBuilder page, RunModel run) {
        Map<String, HostHealth> hosts = run.hosts();
        List<Map.Entry<String, HostHealth>> troubled = new ArrayList<>();
        for (Map.Entry<String, HostHealth> host : hosts.entrySet()) {
            HostHealth health = host.getValue();
            if (health.sequenceGaps > 0 || health.etwLosses > 0 || health.late > 0 || health.collectorDropped > 0
                    || run.silent(health)) {
                troubled.add(host);
            }
        }
        page.append("<h2>Fleet health</h2>\n<p class=\"fleet-health\">").append(hosts.size()).append(" host(s) reported, ")
                .append(troubled.size()).append(" with sequence gaps, ETW losses, late events, collector drops "
                        + "or a silent collector (no events in the last ")
                .append(RunModel.SILENT_AFTER_S / 60).append(" minutes of the run).</p>\n");
        if (troubled.isEmpty()) {
            return;
        }
        page.append("<table class=\"grid health\">\n<thead><tr><th>host</th><th>events</th><th>sequence gaps</th>"
                + "<th>ETW losses</th><th>late</th><th>collector dropped</th><th>last events</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, HostHealth> host : troubled) {
            HostHealth health = host.getValue();
            page.append("<tr class=\"problem\"><td>").append(Html.escape(host.getKey())).append("</td>");
            for (long value : new long[] {health.received, health.sequenceGaps, health.etwLosses, health.late,
                    health.collectorDropped}) {
                page.append(String.format(Locale.ROOT, "<td class=\"number\">%,d</td>", value));
            }
            page.append("<td>").append(health.lastInterval).append(run.silent(health) ? " (silent)" : "")
                    .append("</td></tr>\n");
        }
        page.append("</tbody>\n</table>\n");
    }

    private static void appendTopProcesses(StringBuilder page, RunModel run) {
        List<ProcessTraffic> byBytes = run.topByBytes(TOP_PROCESSES);
        List<ProcessTraffic> byDestinations = run.topByDestinations(TOP_PROCESSES);
        page.append("<h2>Top processes</h2>\n<div class=\"charts\">\n<figure>")
                .append(ReportCharts.bars("top-bytes", "processes by bytes", labels(byBytes),
                        byBytes.stream().map(p -> p.bytes).toList(), " B"))
                .append("<figcaption>By bytes sent and received.</figcaption></figure>\n<figure>")
                .append(ReportCharts.bars("top-destinations", "processes by distinct destinations", labels(byDestinations),
                        byDestinations.stream().map(p -> (long) p.destinations.size()).toList(), ""))
                .append("<figcaption>By distinct destinations.</figcaption></figure>\n</div>\n");
    }

    private static List<String> labels(List<ProcessTraffic> processes) {
        return processes.stream().map(p -> p.host + " " + p.name + " (" + p.pid + ")").toList();
    }

    private static void fact(StringBuilder page, String name, String value) {
        page.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(Html.escape(value)).append("</td></tr>\n");
    }

    private static String join(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return String.join(", ", items);
    }
}
