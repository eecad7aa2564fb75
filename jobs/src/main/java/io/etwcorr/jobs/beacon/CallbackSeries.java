package io.etwcorr.jobs.beacon;

/**
 * The recent callbacks of one (host, process entity, destination) and its alert state (a Flink
 * POJO, keyed state of {@link BeaconScorer}). Arrays hold the latest callbacks, oldest first.
 */
public final class CallbackSeries {
    public long[] times = new long[0];
    public long[] bytesOut = new long[0];
    public long[] bytesIn = new long[0];
    public long firstSeen;
    public int total;
    public String ip;
    public int port = -1;
    /** The score of the last alert of the current episode, -1 before any. */
    public double alertedScore = -1;
    public long alertedAt = -1;
    public int episode;

    public CallbackSeries() {}
}
