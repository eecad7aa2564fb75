package io.etwcorr.simulator;

import java.util.SplittableRandom;

/**
 * A Teams video meeting: the Teams client (or, on a host whose chat client is another, the browser
 * joining on the web) sends and receives real-time media over UDP to a Teams transport relay
 * (Microsoft 365's "Teams media" endpoints: UDP 3478–3481) for 30–60 minutes, 0–3 times a working
 * day at rate scale 1 (1.5 on average, at irregular times).
 *
 * <p>Media is 1–2.5 Mbit/s each way (camera, audio, screen: Microsoft's bandwidth guidance for Teams
 * video meetings recommends 1.5–2.5 Mbit/s), packetized every 20–60 ms (audio frames of 20 ms, video
 * frames at 15–30 fps) into RTP datagrams of up to 1,200 bytes. Kernel-Network logs one send event per
 * datagram (UDP has no segmentation offload for the media stack's sends) and one receive event per
 * receive indication of 1–4 datagrams, as for QUIC ({@link QuicVideo}). So a meeting is strongly
 * periodic UDP to one destination, several hundred events a second: the job sees it as one callback
 * (no silence of the callback gap inside it) per meeting. Each run logs one second of media, so no
 * more than that is held ahead of time. Draws come from a random stream of its own.
 */
final class VideoMeeting implements Activity {
    static final String RELAY_DOMAIN = "worldaz.tr.teams.microsoft.com";
    static final int RELAY_PORT = 3478;
    /** Meetings per working day (8 hours) on average at rate scale 1. */
    static final double MEETINGS_PER_DAY = 1.5;
    private static final double WORKING_DAY_S = 8 * 3600;
    private static final int MAX_DATAGRAM = 1_200;
    private static final int MAX_DATAGRAMS_PER_INDICATION = 4;
    private static final long DATAGRAM_MICROS = 100;

    private final SimProcess client;
    private final SplittableRandom random;
    private final double meanGapS;
    private boolean labelled;
    private String relay;
    private int localPort;
    private long meetingEnd = Long.MIN_VALUE;
    private double upBitsPerSecond;
    private double downBitsPerSecond;
    private long packetMicros;

    /** {@code rateScale}: the fleet's multiplier of irregular benign rates. */
    VideoMeeting(SimProcess client, SplittableRandom random, double rateScale) {
        this.client = client;
        this.random = random;
        this.meanGapS = WORKING_DAY_S / MEETINGS_PER_DAY / rateScale;
    }

    /** When the first meeting starts, {@code start} being the fleet's start. */
    long firstMeeting(long start) {
        return start + Micros.exponential(random, meanGapS / 2);
    }

    @Override
    public long run(HostSimulator host, long now) {
        if (now >= meetingEnd) {
            if (meetingEnd != Long.MIN_VALUE) {
                meetingEnd = Long.MIN_VALUE;
                return now + Micros.exponential(random, meanGapS);
            }
            now = join(host, now);
        }
        long until = Math.min(meetingEnd, now + Micros.SECOND);
        long t = now;
        String local = host.traffic.ipv4;
        while (t < until) {
            int up = (int) (upBitsPerSecond / 8 * packetMicros / Micros.SECOND);
            long sent = t;
            for (int left = up; left > 0; left -= MAX_DATAGRAM) {
                host.emit(EtwEvents.udp(sent, true, client, local, localPort, relay, RELAY_PORT, Math.min(left, MAX_DATAGRAM)));
                sent += DATAGRAM_MICROS;
            }
            long received = t + Micros.millisBetween(random, 0, packetMicros / (double) Micros.MS);
            int down = (int) (downBitsPerSecond / 8 * packetMicros / Micros.SECOND);
            for (int left = down; left > 0; ) {
                int bytes = Math.min(left, (1 + random.nextInt(MAX_DATAGRAMS_PER_INDICATION)) * MAX_DATAGRAM);
                host.emit(EtwEvents.udp(received, false, client, local, localPort, relay, RELAY_PORT, bytes));
                left -= bytes;
                received += DATAGRAM_MICROS * ((bytes + MAX_DATAGRAM - 1) / MAX_DATAGRAM);
            }
            t += packetMicros;
        }
        return t;
    }

    private long join(HostSimulator host, long now) {
        if (!labelled) {
            labelled = true;
            host.truth.benign(host, client, RELAY_DOMAIN, BenignCategory.MEETING);
        }
        SimulatedDnsAnswer answer = DnsAnswers.benign(RELAY_DOMAIN, false);
        long answered = host.traffic.resolve(now, client, RELAY_DOMAIN, EtwEvents.QUERY_TYPE_A, 0, answer, random);
        relay = answer.addresses().get(0);
        localPort = 50_000 + random.nextInt(15_000);
        upBitsPerSecond = random.nextDouble(1e6, 2.5e6);
        downBitsPerSecond = random.nextDouble(1e6, 2.5e6);
        packetMicros = Micros.millisBetween(random, 20, 60);
        long first = answered + Micros.millisBetween(random, 200, 2_000); // the relay allocation, then media
        meetingEnd = first + Micros.seconds(random.nextDouble(30 * 60, 60 * 60));
        return first;
    }
}
