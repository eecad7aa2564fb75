package io.etwcorr.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The browser streaming video over QUIC (UDP 443) from a CDN at the bitrates of a 720p–1080p rung of
 * the public bitrate ladders (1.5–4 Mbit/s), as adaptive streaming fetches it: sessions of 2–30
 * minutes at irregular times; each session fills its buffer with a few segments back to back, then
 * fetches one segment of 2–6 s of video (the site's packaging, fixed for the session) whenever the
 * buffer has played that much: bitrate × duration ± 30 % (scenes differ), 0.3–3.9 MB.
 *
 * <p>What Kernel-Network logs of a segment: the request (one datagram), the media in QUIC datagrams of
 * 1,250–1,350 bytes of which UDP receive offload hands the stack 1–4 per receive indication (as
 * {@link TransferShape} argues for TCP), and the client's ACK datagrams: after every second
 * ack-eliciting packet for the connection's first 100 (RFC 9000 §13.2.2), then after every fourth
 * (ACK decimation, as the browsers' QUIC stacks do for bulk downloads). Draws come from a random
 * stream of its own, so the host's other behaviours are those of a host without video.
 */
final class QuicVideo implements Activity {
    static final List<String> CDN_NAMES = List.of("rr3---sn-4g5ednsz.googlevideo.com", "rr1---sn-5hne6nzk.googlevideo.com",
            "video.fbcdn.net", "vod-adaptive-ak.vimeocdn.com", "www.youtube.com");
    private static final int QUIC_PORT = 443;
    /** Mean time between two sessions at rate scale 1: an office user watches a few videos a day. */
    private static final double MEAN_AWAY_S = 3 * 3600;
    private static final double MEAN_SESSION_S = 10 * 60;
    private static final double MIN_SESSION_S = 2 * 60;
    private static final double MAX_SESSION_S = 30 * 60;
    private static final double PAUSE_PROBABILITY = 0.01;
    private static final int QUIC_DATAGRAM_MIN = 1_250;
    private static final int QUIC_DATAGRAM_SPREAD = 100;
    private static final int MAX_DATAGRAMS_PER_INDICATION = 4;
    /** One 1,300-byte datagram at 100 Mbit/s, the office link. */
    private static final long DATAGRAM_MICROS = 105;
    private static final int ACK_SIZE = 50;
    /** RFC 9000 §13.2.2: an ACK after at least every second ack-eliciting packet ... */
    private static final int EARLY_ACK_EVERY = 2;
    /** ... for the connection's first packets, then decimated to every fourth. */
    private static final int EARLY_PACKETS = 100;
    private static final int ACK_EVERY = 4;

    private final SimProcess browser;
    private final SplittableRandom random;
    private final double meanAwayS;
    private final Set<String> labelled = new HashSet<>();
    private String server;
    private int localPort;
    private long sessionEnd = Long.MIN_VALUE;
    private double bitsPerSecond;
    private double segmentS;
    private int startupSegments;
    private long packetsReceived;
    private int unacknowledged;

    /** {@code rateScale}: the fleet's multiplier of irregular benign rates (sessions start that much more often). */
    QuicVideo(SimProcess browser, SplittableRandom random, double rateScale) {
        this.browser = browser;
        this.random = random;
        this.meanAwayS = MEAN_AWAY_S / rateScale;
    }

    /** When the first session starts, {@code start} being the fleet's start. */
    long firstSession(long start) {
        return start + Micros.exponential(random, meanAwayS / 2);
    }

    @Override
    public long run(HostSimulator host, long now) {
        if (now >= sessionEnd) {
            if (sessionEnd != Long.MIN_VALUE) {
                sessionEnd = Long.MIN_VALUE;
                return now + Micros.exponential(random, meanAwayS);
            }
            now = startSession(host, now);
        }
        long fetched = segment(host, now, (int) (bitsPerSecond / 8 * segmentS * random.nextDouble(0.7, 1.3)));
        if (startupSegments > 0) {
            startupSegments--;
            return fetched + Micros.millisBetween(random, 5, 40);
        }
        if (random.nextDouble() < PAUSE_PROBABILITY) {
            return now + Micros.seconds(random.nextDouble(90, 900)); // the user paused
        }
        // The next request when the buffer has played one segment; the player checks its buffer on a timer.
        return now + Micros.seconds(segmentS) + Micros.millisBetween(random, -250, 250);
    }

    private long startSession(HostSimulator host, long now) {
        String name = CDN_NAMES.get(random.nextInt(CDN_NAMES.size()));
        if (labelled.add(name)) {
            host.truth.benign(host, browser, name, BenignCategory.QUIC);
        }
        SimulatedDnsAnswer answer = DnsAnswers.benign(name, false);
        long answered = host.traffic.resolve(now, browser, name, EtwEvents.QUERY_TYPE_A, 0, answer, random);
        server = answer.addresses().get(0);
        localPort = 49_152 + random.nextInt(16_384);
        long session = Math.min(Micros.seconds(MAX_SESSION_S),
                Micros.seconds(MIN_SESSION_S) + Micros.exponential(random, MEAN_SESSION_S - MIN_SESSION_S));
        bitsPerSecond = random.nextDouble(1.5e6, 4e6);
        segmentS = random.nextDouble(2, 6);
        startupSegments = 2 + random.nextInt(4);
        packetsReceived = 0;
        unacknowledged = 0;
        long first = answered + Micros.millisBetween(random, 20, 300);
        sessionEnd = first + session;
        return first;
    }

    /** One segment of {@code size} bytes: its request, the media datagrams and the client's ACKs; returns the last event's time. */
    private long segment(HostSimulator host, long t, int size) {
        String local = host.traffic.ipv4;
        host.emit(EtwEvents.udp(t, true, browser, local, localPort, server, QUIC_PORT, 90 + random.nextInt(120)));
        t += Micros.millisBetween(random, 8, 30); // the request's round trip to the CDN edge
        for (int left = size; left > 0; ) {
            int datagrams = 1 + random.nextInt(MAX_DATAGRAMS_PER_INDICATION);
            int bytes = Math.min(left, datagrams * (QUIC_DATAGRAM_MIN + random.nextInt(QUIC_DATAGRAM_SPREAD)));
            host.emit(EtwEvents.udp(t, false, browser, local, localPort, server, QUIC_PORT, bytes));
            left -= bytes;
            packetsReceived += datagrams;
            unacknowledged += datagrams;
            int ackEvery = packetsReceived <= EARLY_PACKETS ? EARLY_ACK_EVERY : ACK_EVERY;
            if (unacknowledged >= ackEvery || left <= 0) {
                host.emit(EtwEvents.udp(t + 20, true, browser, local, localPort, server, QUIC_PORT, ACK_SIZE + random.nextInt(20)));
                unacknowledged = 0;
            }
            t += DATAGRAM_MICROS * datagrams;
        }
        return t;
    }
}
