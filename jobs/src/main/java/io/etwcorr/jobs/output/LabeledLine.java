package io.etwcorr.jobs.output;

/** One output line labeled with the file (or topic) it belongs to. A Flink POJO. */
public final class LabeledLine {
    public String label;
    public long timestamp;
    public String json;

    public LabeledLine() {}

    public LabeledLine(String label, long timestamp, String json) {
        this.label = label;
        this.timestamp = timestamp;
        this.json = json;
    }
}
