package io.etwcorr.jobs.network;

/** Who a PID currently is on its host (keyed state of {@link ProcessNetworkCorrelator}, written by {@link ProcessIdentitySerializer}). */
public final class ProcessIdentity {
    public String entityId;
    public String executable;
    public String name;
    /** The command line with volatile tokens replaced (its process group), "" when unknown. */
    public String groupCommandLine = "";
    public long createTime = -1;
    /** Host event time (µs) of the ProcessStop, or -1 while it runs. */
    public long stoppedAt = -1;

    public ProcessIdentity() {}
}
