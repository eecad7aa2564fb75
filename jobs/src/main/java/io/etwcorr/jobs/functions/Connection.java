package io.etwcorr.jobs.functions;

/** One TCP connection of a process (a Flink POJO, keyed state of {@link ProcessNetworkCorrelator}). */
public final class Connection {
    /** Whether its etw.connections record was emitted (a connect, an accept or its first send). */
    public boolean announced;
    /** The DNS name joined with its remote address, or null. */
    public String domain;
    public long lastTs;

    public Connection() {}
}
