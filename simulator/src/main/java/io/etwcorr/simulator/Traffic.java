package io.etwcorr.simulator;

import java.util.SplittableRandom;

/**
 * The network side of one host: its addresses, ephemeral ports and connection ids, and the DNS
 * and TCP/UDP events a process causes. Each method logs at the given time and returns when its
 * last event happened, so callers can chain steps.
 */
final class Traffic {
    private static final int FIRST_EPHEMERAL_PORT = 49_152;
    private static final int EPHEMERAL_PORTS = 16_384;
    /** The interface every lookup of the host goes out on. */
    static final int INTERFACE_INDEX = 12;

    private final HostSimulator host;
    private final SplittableRandom random;
    private final TransferShape shape;
    final String ipv4;
    final String ipv6;
    private int nextPortOffset;
    private long nextConnectionId;

    Traffic(HostSimulator host, SplittableRandom random, TransferShape shape, int hostIndex) {
        this.host = host;
        this.random = random;
        this.shape = shape;
        int n = hostIndex + 10;
        this.ipv4 = "10." + (16 + n / 62_500) + "." + (n / 250 % 250) + "." + (1 + n % 250);
        this.ipv6 = "2001:db8:10::" + Integer.toHexString(n + 1);
        this.nextPortOffset = random.nextInt(EPHEMERAL_PORTS);
        this.nextConnectionId = 0xFFFF_A000_0000L + ((long) random.nextInt(1 << 20) << 8);
    }

    /** 3006 then 3008 in {@code caller}; returns the completion time. */
    long resolve(long t, SimProcess caller, String name, int queryType, int status, SimulatedDnsAnswer answer) {
        return resolve(t, caller, name, queryType, status, answer, random);
    }

    /** As {@link #resolve(long, SimProcess, String, int, int, SimulatedDnsAnswer)}, its latency drawn from {@code latency}. */
    long resolve(long t, SimProcess caller, String name, int queryType, int status, SimulatedDnsAnswer answer,
            SplittableRandom latency) {
        host.emit(EtwEvents.dnsQuery(t, caller, name, queryType, INTERFACE_INDEX));
        long completed = t + Micros.millisBetween(latency, 2, 60);
        host.emit(EtwEvents.dnsCompleted(completed, caller, name, queryType, status, answer.results()));
        return completed;
    }

    /** An outbound connect of {@code owner} to {@code remote}:{@code port}, logged at {@code t}, and its TLS handshake on 443. */
    TcpConnection connect(long t, SimProcess owner, String remote, int port) {
        nextPortOffset = (nextPortOffset + 1 + random.nextInt(3)) % EPHEMERAL_PORTS;
        nextConnectionId += 0x40L * (1 + random.nextInt(16));
        boolean ipv6Remote = remote.indexOf(':') >= 0;
        TcpConnection connection = new TcpConnection(owner, ipv6Remote ? ipv6 : ipv4, FIRST_EPHEMERAL_PORT + nextPortOffset,
                remote, port, nextConnectionId);
        host.emit(EtwEvents.tcpConnect(t, connection));
        shape.handshake(host, t, connection);
        return connection;
    }

    /** One request and its response on {@code c} (as {@link TransferShape} splits them); returns the response's end. */
    long exchange(long t, TcpConnection c, int sent, int received) {
        shape.send(host, t, c, sent);
        long answered = t + Micros.millisBetween(random, 20, 180);
        return shape.receive(host, answered, c, received);
    }

    /** A write of {@code size} bytes on {@code c}; returns the time of its last send event. */
    long send(long t, TcpConnection c, int size) {
        return shape.send(host, t, c, size);
    }

    /** A response of {@code size} bytes on {@code c}; returns the time of its last receive event. */
    long receive(long t, TcpConnection c, int size) {
        return shape.receive(host, t, c, size);
    }

    long disconnect(long t, TcpConnection c) {
        host.emit(EtwEvents.tcpDisconnect(t, c));
        return t;
    }

    /** A UDP request from {@code localPort} and its reply; returns the reply's time. */
    long udpExchange(long t, SimProcess owner, int localPort, String remote, int remotePort, int size) {
        host.emit(EtwEvents.udp(t, true, owner, ipv4, localPort, remote, remotePort, size));
        long replied = t + Micros.millisBetween(random, 8, 90);
        host.emit(EtwEvents.udp(replied, false, owner, ipv4, localPort, remote, remotePort, size));
        return replied;
    }

    /** A short pause between two steps of one exchange. */
    long pause(long t, double fromMs, double toMs) {
        return t + Micros.millisBetween(random, fromMs, toMs);
    }
}
