package io.etwcorr.jobs.model;

/**
 * A (host, process entity, destination) whose callbacks scored as a beacon: everything the alert
 * says. The per-host process table adds the lineage as of the candidate's last callback, then the
 * fleet prevalence check adds the host count or drops it. A Flink POJO. Times are host event
 * time, µs since the epoch.
 */
public final class BeaconCandidate {
    public String host;
    public long pid = -1;
    public String entityId;
    /** The destination key: the resolved domain when known, else {@code ip:port}. */
    public String destination;
    /** The DNS name the callbacks went to, or null. */
    public String domain;
    /** The remote address of the latest callback (null for DNS-only beacons). */
    public String ip;
    public int port = -1;
    public double intervalSeconds;
    public double jitter;
    public double score;
    public int callbacks;
    /** The first callback of the episode (event.start); {@link #lastSeen} is the latest (event.end). */
    public long firstSeen;
    public long lastSeen;
    public long bytesOutMedian = -1;
    public long bytesInMedian = -1;
    public long hostsContactingDestination;
    /** For a process-group candidate, how many process instances called back; 0 for one instance's. */
    public int instances;
    /** Stable for the (host, entity, destination) triple and episode: the alert's event.id. */
    public String episodeId;
    /** {@code beacon-detected} for the first record of the episode, {@code beacon-updated} after. */
    public String action;

    /** Oldest known ancestor first, the alerting process last; null until the lineage is resolved. */
    public LineageProcess[] lineage;
    /** The alerting process's parent, when the table knew it. */
    public LineageProcess parent;
    /** Index of the patient zero in {@link #lineage}, and why it was chosen. */
    public int patientZeroIndex = -1;
    public String patientZeroReason;

    public BeaconCandidate() {}
}
