package io.etwcorr.cli.bench;

/**
 * One number of the bench report.
 *
 * @param key    the JSON name of the number, e.g. {@code e2e_events_per_s}
 * @param title  the row title in the markdown table
 * @param value  the number; NaN when it could not be measured
 * @param unit   e.g. {@code events/s}, {@code ms}, {@code ratio}
 * @param method how it was measured, one or two sentences
 */
public record Measurement(String key, String title, double value, String unit, String method) {
}
