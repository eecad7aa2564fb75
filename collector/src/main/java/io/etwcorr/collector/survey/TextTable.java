package io.etwcorr.collector.survey;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for terminals: columns padded to their widest cell, numbers aligned right. */
public final class TextTable {

    public enum Align { LEFT, RIGHT }

    private static final String GAP = "  ";

    private final List<String> headers;
    private final List<Align> aligns;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> headers, List<Align> aligns) {
        if (headers.size() != aligns.size()) {
            throw new IllegalArgumentException("one alignment per column");
        }
        this.headers = List.copyOf(headers);
        this.aligns = List.copyOf(aligns);
    }

    public void add(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.size());
        }
        rows.add(List.copyOf(cells));
    }

    /** The header, a rule under it, then the rows; each line ends with a line break and no trailing spaces. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (List<String> line : allLines()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, headers, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        appendLine(out, rule, widths);
        for (List<String> row : rows) {
            appendLine(out, row, widths);
        }
        return out.toString();
    }

    private List<List<String>> allLines() {
        List<List<String>> lines = new ArrayList<>(rows);
        lines.add(headers);
        return lines;
    }

    private void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(GAP);
            }
            String padding = " ".repeat(widths[i] - cells.get(i).length());
            line.append(aligns.get(i) == Align.RIGHT ? padding + cells.get(i) : cells.get(i) + padding);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
