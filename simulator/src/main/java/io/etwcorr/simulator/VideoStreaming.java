package io.etwcorr.simulator;

import java.util.SplittableRandom;

/**
 * The browser playing video over QUIC (UDP 443), as the large video sites serve it: sessions of a few
 * minutes to half an hour, an hour or so apart, each fetching a media segment every 2–6 s (adaptive
 * streaming keeps a buffer of a few segments). A 720p–1080p stream runs at 1.5–4 Mbit/s, so a 4 s
 * segment is 0.75–2 MB; it arrives in QUIC datagrams of 1,250–1,350 bytes, which Kernel-Network logs
 * one receive indication each for 1–4 of them (UDP receive offload); the client acknowledges about
 * every fourth indication with a small datagram (QUIC's ACK frequency). One flow per session, but
 * its segment fetches are send bursts a few seconds apart: periodic enough to alert, so the mix has it
 * only when asked ({@link BenignMix#withVideo()}). Draws come from a random stream of its own, so
 * adding it shifts no other behaviour.
 */
final class VideoStreaming implements Activity {
    static final String DOMAIN = "rr4---sn-5hne6nzd.googlevideo.com";
    /** The share of hosts whose user watches video at all. */
    static final double HOST_SHARE = 0.25;
    private static final int QUIC_PORT = 443;
    private static final int ACK_SIZE = 60;
    private static final double MEAN_GAP_S = 3600;

    private final SimProcess browser;
    private final SplittableRandom random;
    private final int firstEphemeralPort;
    private long sessionEnd = Long.MIN_VALUE;
    private int localPort;
    private String server;

    VideoStreaming(SimProcess browser, SplittableRandom random) {
        this.browser = browser;
        this.random = random;
        this.firstEphemeralPort = 49_152 + random.nextInt(16_000);
    }

    /** When the first session starts. */
    long firstSession(long start) {
        return start + Micros.exponential(random, MEAN_GAP_S / 2);
    }

    @Override
    public long run(HostSimulator host, long now) {
        if (now >= sessionEnd) {
            if (sessionEnd != Long.MIN_VALUE) {
                sessionEnd = Long.MIN_VALUE;
                return now + Micros.exponential(random, MEAN_GAP_S);
            }
            startSession(host, now);
        }
        long t = now;
        int segment = 750_000 + random.nextInt(1_250_000);
        host.emit(EtwEvents.udp(t, true, browser, host.traffic.ipv4, localPort, server, QUIC_PORT, 90 + random.nextInt(60)));
        t += Micros.millisBetween(random, 8, 30); // the request's round trip
        int indications = 0;
        for (int left = segment; left > 0; ) {
            int datagrams = 1 + random.nextInt(4);
            int bytes = Math.min(left, datagrams * (1_250 + random.nextInt(100)));
            host.emit(EtwEvents.udp(t, false, browser, host.traffic.ipv4, localPort, server, QUIC_PORT, bytes));
            left -= bytes;
            if (++indications % 4 == 0) {
                host.emit(EtwEvents.udp(t + 40, true, browser, host.traffic.ipv4, localPort, server, QUIC_PORT, ACK_SIZE));
            }
            t += 110L * datagrams; // 100 Mbit/s
        }
        return now + Micros.millisBetween(random, 2_000, 6_000);
    }

    private void startSession(HostSimulator host, long now) {
        sessionEnd = now + Micros.seconds(random.nextDouble(180, 1_800));
        SimulatedDnsAnswer answer = DnsAnswers.benign(DOMAIN, false);
        long asked = now;
        host.emit(EtwEvents.dnsQuery(asked, browser, DOMAIN, EtwEvents.QUERY_TYPE_A, 12));
        host.emit(EtwEvents.dnsCompleted(asked + Micros.millisBetween(random, 2, 40), browser, DOMAIN, EtwEvents.QUERY_TYPE_A,
                0, answer.results()));
        server = answer.addresses().get(random.nextInt(answer.addresses().size()));
        localPort = firstEphemeralPort + random.nextInt(300);
    }
}
