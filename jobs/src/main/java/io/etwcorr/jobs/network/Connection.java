package io.etwcorr.jobs.network;

/** One TCP connection of a process (keyed state of {@link ProcessNetworkCorrelator}, written by {@link ConnectionSerializer}). */
public final class Connection {
    /** Whether its etw.connections record was emitted (a connect, an accept or its first send). */
    public boolean announced;
    /** Whether the process opened it (connect, or first seen sending); only those carry callbacks. */
    public boolean outbound;
    /** A UDP flow (first datagram after an idle gap), not a TCP connection. */
    public boolean udp;
    /** The DNS name joined with its remote address, or null. */
    public String domain;
    public String remoteIp;
    public int remotePort = -1;
    public long lastTs;
    /** The open send/receive burst: its start (-1 when none), last activity and bytes so far. */
    public long burstStart = -1;
    public long burstLast;
    public long burstBytesOut;
    public long burstBytesIn;

    public Connection() {}
}
