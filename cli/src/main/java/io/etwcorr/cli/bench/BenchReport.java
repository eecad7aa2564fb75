package io.etwcorr.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a bench run: where and when it ran, the measurements, the goals they are judged
 * against, and what was not measured. Renders as {@code docs/BENCHMARKS.md} and as one JSON line.
 */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Machine machine;
    private final String commit;
    private final String date;
    private final String mode;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<Goal> goals = new ArrayList<>();
    private final List<String> notMeasured = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private double runtimeSeconds = Double.NaN;

    /** Where the bench ran. */
    public record Machine(int cores, long maxHeapBytes, long physicalMemoryBytes, double loadAverage, String java,
            String os) {
        String describe() {
            String physical = physicalMemoryBytes > 0 ? gib(physicalMemoryBytes) + " GiB RAM, " : "";
            String load = loadAverage >= 0
                    ? String.format(Locale.ROOT, ", load average %.2f at the start (other users of the cores)",
                            loadAverage)
                    : "";
            return String.format(Locale.ROOT, "%d cores, %sJVM max heap %s GiB, Java %s, %s%s", cores, physical,
                    gib(maxHeapBytes), java, os, load);
        }

        private static String gib(long bytes) {
            return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024 * 1024));
        }
    }

    public BenchReport(Machine machine, String commit, String date, String mode) {
        this.machine = machine;
        this.commit = commit;
        this.date = date;
        this.mode = mode;
    }

    /** A series the results table cannot hold, e.g. figures over time; rendered after the goals. */
    public record Table(String title, String intro, List<String> header, List<List<String>> rows) {
    }

    public BenchReport table(Table table) {
        tables.add(table);
        return this;
    }

    public BenchReport add(Measurement measurement) {
        measurements.add(measurement);
        return this;
    }

    public BenchReport goal(Goal goal) {
        goals.add(goal);
        return this;
    }

    public BenchReport notMeasured(String what) {
        notMeasured.add(what);
        return this;
    }

    public BenchReport note(String note) {
        notes.add(note);
        return this;
    }

    public BenchReport runtimeSeconds(double seconds) {
        this.runtimeSeconds = seconds;
        return this;
    }

    public List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    /** The value of the measurement {@code key}, NaN when absent. */
    public double value(String key) {
        for (Measurement measurement : measurements) {
            if (measurement.key().equals(key)) {
                return measurement.value();
            }
        }
        return Double.NaN;
    }

    /** One line of JSON: run facts, every measurement by key (null when not measured), and the goal verdicts. */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("commit", commit);
        root.put("date", date);
        root.put("mode", mode);
        root.put("cores", machine.cores());
        root.put("load_average", finiteOrNull(round(machine.loadAverage(), 2)));
        for (Measurement measurement : measurements) {
            root.put(measurement.key(), finiteOrNull(measurement.value()));
        }
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (Goal goal : goals) {
            // a second goal on the same figure (a later issue's target) is named by its target too
            String name = verdicts.containsKey(goal.key())
                    ? goal.key() + "_" + java.math.BigDecimal.valueOf(goal.target()).stripTrailingZeros().toPlainString()
                    : goal.key();
            verdicts.put(name, goal.verdict(value(goal.key())));
        }
        root.put("goals", verdicts);
        root.put("runtime_s", finiteOrNull(round(runtimeSeconds, 1)));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The markdown document. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `./etwcorr bench").append("quick".equals(mode) ? " --quick" : "")
                .append("`; rerun it to refresh this file. The machine is shared and the numbers are noisy: ")
                .append("compare the ratios against the baselines measured in the same run, not absolute rates ")
                .append("across runs. Where the time goes, what was optimized and why the goals are out of reach ")
                .append("on 2 cores: `docs/PERFORMANCE.md`.\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| Machine | ").append(escape(machine.describe())).append(" |\n");
        md.append("| Commit | `").append(escape(commit)).append("` |\n");
        md.append("| Date | ").append(escape(date)).append(" |\n");
        md.append("| Mode | ").append(mode).append(" |\n");
        md.append("| Runtime | ").append(format(runtimeSeconds)).append(" s |\n\n");

        md.append("## Results\n\n");
        md.append("| Measurement | Value | Unit |\n|---|---:|---|\n");
        for (Measurement measurement : measurements) {
            md.append("| ").append(escape(measurement.title())).append(" | ").append(format(measurement.value()))
                    .append(" | ").append(escape(measurement.unit())).append(" |\n");
        }

        md.append("\n## Goals\n\nReported against, not asserted.\n\n");
        md.append("| Goal | Measured | Verdict |\n|---|---:|---|\n");
        for (Goal goal : goals) {
            double value = value(goal.key());
            md.append("| ").append(escape(goal.text())).append(" | ").append(format(value)).append(" | ")
                    .append(goal.verdict(value)).append(" |\n");
        }

        for (Table table : tables) {
            md.append("\n## ").append(table.title()).append("\n\n").append(table.intro()).append("\n\n| ")
                    .append(String.join(" | ", table.header())).append(" |\n|")
                    .append("---:|".repeat(table.header().size())).append('\n');
            for (List<String> row : table.rows()) {
                md.append("| ").append(String.join(" | ", row.stream().map(BenchReport::escape).toList()))
                        .append(" |\n");
            }
        }

        md.append("\n## What each number means and how it was measured\n\n");
        for (Measurement measurement : measurements) {
            md.append("- **").append(measurement.title()).append("** (`").append(measurement.key()).append("`): ")
                    .append(measurement.method()).append('\n');
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes from this run\n\n");
            for (String note : notes) {
                md.append("- ").append(note).append('\n');
            }
        }
        md.append("\n## What is not measured yet\n\n");
        for (String what : notMeasured) {
            md.append("- ").append(what).append('\n');
        }
        return md.toString();
    }

    /** Numbers for humans: NaN as "n/a", large values without decimals, small ones with up to 3 significant decimals. */
    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (value == Math.rint(value) && abs < 1000) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static Object finiteOrNull(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) round(value, 3);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
