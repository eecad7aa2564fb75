package io.etwcorr.simulator;

import java.util.SplittableRandom;

/**
 * How many Kernel-Network send and receive events one application message becomes on a real host,
 * with their sizes and times. Kernel-Network logs one event per send request the TCP stack completes
 * and one per receive indication it delivers, not one per message and not one per packet:
 * <ul>
 *   <li><b>Sends</b>: TLS writes one record per send request, at most 16 KiB of plaintext (RFC 8446
 *   §5.1) plus 22 bytes of TLS 1.3 framing; TCP segmentation offload (TSO) cuts it into packets on
 *   the NIC, after the event. A message up to 16 KiB is one send event.</li>
 *   <li><b>Receives</b>: segments of one MSS (1,460 bytes over Ethernet IPv4) arrive in slow-start
 *   flights (initial window 10 segments, RFC 6928, doubling each round trip); the NIC's receive
 *   segment coalescing and interrupt moderation hand TCP 1–4 back-to-back segments per indication.
 *   So a response is about one receive event per 3.6 KB, its flights a round trip apart.</li>
 *   <li><b>TLS handshake</b> (port 443): ClientHello (about 517 bytes, as browsers send it), the
 *   server's flight (ServerHello, certificate chain, Finished: 3–6 KB, HTTP Archive's median chain is
 *   about 3–4 KB), the client's Finished (80 bytes in TLS 1.3), then the NewSessionTicket records.</li>
 * </ul>
 * The application's own byte counts are kept: a message of {@code n} bytes becomes events that add
 * up to {@code n}; only the handshake adds bytes of its own. Draws come from a random stream of their
 * own, so the activities' choices (and thus the fleet's timing) do not depend on these shapes.
 */
final class TransferShape {
    static final int MSS = 1_460;
    static final int TLS_RECORD = 16_384 + 22;
    private static final int INITIAL_WINDOW_SEGMENTS = 10;
    private static final int MAX_SEGMENTS_PER_INDICATION = 4;
    /** One segment at 100 Mbit/s, the office link: 1,500 bytes on the wire take 120 µs. */
    private static final long SEGMENT_MICROS = 120;
    private static final int CLIENT_HELLO = 517;
    private static final int CLIENT_FINISHED = 80;
    private static final int HTTPS_PORT = 443;

    private final SplittableRandom random;

    TransferShape(SplittableRandom random) {
        this.random = random;
    }

    /** Emits the send events of a {@code size}-byte write on {@code c} from {@code t}; returns the last one's time. */
    long send(HostSimulator host, long t, TcpConnection c, int size) {
        int left = size;
        do {
            int record = Math.min(left, TLS_RECORD);
            host.emit(EtwEvents.tcpSend(t, c, record));
            left -= record;
            if (left > 0) {
                t += SEGMENT_MICROS * ((record + MSS - 1) / MSS);
            }
        } while (left > 0);
        return t;
    }

    /**
     * Emits the receive events of a {@code size}-byte response on {@code c}, its first segment at
     * {@code t}; returns the last one's time.
     */
    long receive(HostSimulator host, long t, TcpConnection c, int size) {
        long roundTrip = roundTripMicros();
        int flight = INITIAL_WINDOW_SEGMENTS;
        int inFlight = 0;
        int left = size;
        while (true) {
            int segments = 1 + random.nextInt(MAX_SEGMENTS_PER_INDICATION);
            int bytes = Math.min(left, segments * MSS);
            host.emit(EtwEvents.tcpReceive(t, c, bytes));
            left -= bytes;
            if (left <= 0) {
                return t;
            }
            inFlight += segments;
            if (inFlight >= flight) {
                inFlight = 0;
                flight *= 2;
                t += roundTrip; // the next flight waits for the acknowledgements
            } else {
                t += SEGMENT_MICROS * segments;
            }
        }
    }

    /**
     * A TLS handshake on {@code c} (port 443 only) right after its connect at {@code t}: ClientHello,
     * the server's flight, the client's Finished, the session tickets. Returns when it is done ({@code t}
     * for other ports).
     */
    long handshake(HostSimulator host, long t, TcpConnection c) {
        if (c.remotePort != HTTPS_PORT) {
            return t;
        }
        long roundTrip = roundTripMicros();
        long hello = t + roundTrip; // after SYN, SYN-ACK
        host.emit(EtwEvents.tcpSend(hello, c, CLIENT_HELLO));
        long serverFlight = receive(host, hello + roundTrip, c, 3_000 + random.nextInt(3_000));
        long finished = serverFlight + 150;
        host.emit(EtwEvents.tcpSend(finished, c, CLIENT_FINISHED));
        return receive(host, finished + roundTrip, c, 250 + random.nextInt(300));
    }

    /** A round trip to a nearby CDN edge or cloud region: 3–7 ms. */
    private long roundTripMicros() {
        return Micros.millisBetween(random, 3, 7);
    }
}
