package io.etwcorr.simulator;

/** One simulated TCP connection of a process; counts the segments it logs in {@code seqnum}. */
final class TcpConnection {
    final SimProcess owner;
    final String localAddress;
    final int localPort;
    final String remoteAddress;
    final int remotePort;
    final long connectionId;
    final boolean ipv6;
    private long segments;

    TcpConnection(SimProcess owner, String localAddress, int localPort, String remoteAddress, int remotePort, long connectionId) {
        this.owner = owner;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
        this.connectionId = connectionId;
        this.ipv6 = remoteAddress.indexOf(':') >= 0;
    }

    long nextSegment() {
        return segments++;
    }
}
