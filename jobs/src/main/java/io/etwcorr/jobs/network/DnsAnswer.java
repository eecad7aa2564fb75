package io.etwcorr.jobs.network;

/** A name a process resolved to one address (keyed state of {@link ProcessNetworkCorrelator}, written by {@link DnsAnswerSerializer}). */
public final class DnsAnswer {
    /** The name the process asked for (not the end of its CNAME chain). */
    public String queryName;
    /** Host event time (µs) of the answer. */
    public long resolvedAt;
    public long expiresAt;

    public DnsAnswer() {}

    public DnsAnswer(String queryName, long resolvedAt, long expiresAt) {
        this.queryName = queryName;
        this.resolvedAt = resolvedAt;
        this.expiresAt = expiresAt;
    }
}
