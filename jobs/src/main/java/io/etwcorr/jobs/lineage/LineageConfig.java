package io.etwcorr.jobs.lineage;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Settings of {@link LineageFunction}; every field has a default (docs/contract/outputs.md, {@code patient_zero}). */
public final class LineageConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Session and service infrastructure: the walk to the patient zero stops below the first of
     * these. Process names (file names), matched case-insensitively; {@code System} is the kernel.
     */
    public List<String> boundaryProcesses = new ArrayList<>(List.of(
            "explorer.exe", "services.exe", "svchost.exe", "wininit.exe", "winlogon.exe", "userinit.exe",
            "smss.exe", "csrss.exe", "System"));
    /** How long, in host event time, an exited process stays in the table for the lineage of later alerts. */
    public long retentionSeconds = Duration.ofHours(24).toSeconds();
    /** A bound on the table of one host whatever the input; beyond it the oldest exited processes go first. */
    public int maxProcessesPerHost = 20_000;

    public LineageConfig() {}
}
