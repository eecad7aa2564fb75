package io.etwcorr.jobs.sequence;

/** Counters of one host in one etw.health interval (keyed state of {@link HostSequencer}, written by {@link HealthCountersSerializer}). */
public final class HealthCounters {
    public long received;
    public long duplicates;
    public long sequenceGaps;
    public long late;
    public long passedOver;
    public long deadLetters;
    public long etwEventsLost;
    public long etwBuffersLost;
    public long collectorDropped;
    public long collectorSpooled;
    public long runs;

    public HealthCounters() {}
}
