package io.etwcorr.jobs.lineage;

/** A thread another process created inside a process (inside {@link ProcessEntry}, written by its serializer). */
public final class Injection {
    /** The process that created the thread. */
    public String injectorEntityId;
    /** Host event time (µs) of the ThreadStart. */
    public long ts;

    public Injection() {}

    public Injection(String injectorEntityId, long ts) {
        this.injectorEntityId = injectorEntityId;
        this.ts = ts;
    }
}
