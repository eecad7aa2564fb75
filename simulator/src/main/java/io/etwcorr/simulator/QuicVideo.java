package io.etwcorr.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The browser streaming video over QUIC (UDP 443) from a CDN: sessions at irregular times, each a
 * run of segment fetches a few seconds apart, sometimes paused for minutes by the user.
 */
final class QuicVideo implements Activity {
    static final List<String> CDN_NAMES = List.of("rr3---sn-4g5ednsz.googlevideo.com", "rr1---sn-5hne6nzk.googlevideo.com",
            "video.fbcdn.net", "vod-adaptive-ak.vimeocdn.com", "www.youtube.com");
    private static final int QUIC_PORT = 443;
    private static final double MEAN_AWAY_S = 70 * 60;
    private static final double MEAN_SESSION_S = 15 * 60;
    private static final double PAUSE_PROBABILITY = 0.01;

    private final SimProcess browser;
    private final Set<String> labelled = new HashSet<>();
    private String server;
    private int localPort;
    private long sessionEnd = Long.MIN_VALUE;

    QuicVideo(SimProcess browser) {
        this.browser = browser;
    }

    @Override
    public long run(HostSimulator host, long now) {
        SplittableRandom random = host.random();
        Traffic traffic = host.traffic;
        if (now >= sessionEnd) {
            if (sessionEnd != Long.MIN_VALUE) {
                sessionEnd = Long.MIN_VALUE;
                return now + Micros.exponential(random, MEAN_AWAY_S);
            }
            String name = CDN_NAMES.get(random.nextInt(CDN_NAMES.size()));
            if (labelled.add(name)) {
                host.truth.benign(host, browser, name, BenignCategory.QUIC);
            }
            SimulatedDnsAnswer answer = DnsAnswers.benign(name, false);
            now = traffic.pause(traffic.resolve(now, browser, name, EtwEvents.QUERY_TYPE_A, 0, answer), 0.3, 3);
            server = answer.addresses().get(0);
            localPort = 49_152 + random.nextInt(16_384);
            sessionEnd = now + Micros.exponential(random, MEAN_SESSION_S);
        }
        // One segment: a request datagram, the answer as full-size datagrams.
        long t = traffic.udpExchange(now, browser, localPort, server, QUIC_PORT, 1_250 + random.nextInt(100));
        for (int more = 2 + random.nextInt(20); more > 0; more--) {
            t = traffic.udpExchange(traffic.pause(t, 1, 8), browser, localPort, server, QUIC_PORT, 1_350);
        }
        double gapS = random.nextDouble() < PAUSE_PROBABILITY ? random.nextDouble(90, 900) : random.nextDouble(1.5, 12);
        return t + Micros.seconds(gapS);
    }
}
