package io.etwcorr.jobs.model;

/**
 * One process of an alert's lineage as resolved at the alert's time (a Flink POJO inside
 * {@link BeaconCandidate}); {@code edge} is {@code root}, {@code parent} or {@code injected}.
 */
public final class LineageProcess {
    public long pid = -1;
    public String entityId;
    public String name;
    public String executable;
    public String commandLine;
    public String edge;

    public LineageProcess() {}
}
