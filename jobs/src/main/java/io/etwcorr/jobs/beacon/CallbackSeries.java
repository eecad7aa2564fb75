package io.etwcorr.jobs.beacon;

/**
 * The recent callbacks of one (host, process entity, destination) and its episode (a Flink POJO,
 * keyed state of {@link BeaconScorer}). Arrays hold the latest callbacks, oldest first.
 */
public final class CallbackSeries {
    public long[] times = new long[0];
    public long[] bytesOut = new long[0];
    public long[] bytesIn = new long[0];
    /** The first callback since the series (re)started: the start of its episode. */
    public long firstSeen;
    public int total;
    public String ip;
    /** Process-group series: the latest instance that called back, and how many instances did. */
    public String lastEntityId;
    public long lastPid = -1;
    public int instances;
    public int port = -1;
    /** The event.id of the current episode; null while the series has not crossed the threshold. */
    public String episodeId;
    /** Last callback and callback count of the latest record emitted for the episode. */
    public long emittedAt = -1;
    public int emittedCallbacks;
    /** The sleep estimate of the latest record emitted, seconds: how long a silence ends the episode. */
    public double emittedIntervalSeconds;

    public CallbackSeries() {}

    long lastCallback() {
        return times.length == 0 ? Long.MIN_VALUE : times[times.length - 1];
    }
}
