package io.etwcorr.simulator;

import java.util.SplittableRandom;

/**
 * A chat client's notification channel: one TCP connection, a small keep-alive and its answer at
 * a fixed period, sometimes message traffic in between; it reconnects about hourly.
 */
final class ChatKeepAlive implements Activity {
    private static final double MESSAGE_PROBABILITY = 0.08;

    private final SimProcess client;
    private final String domain;
    private final long periodS;
    private TcpConnection connection;
    private long reconnectAt;

    ChatKeepAlive(SimProcess client, String domain, long periodS) {
        this.client = client;
        this.domain = domain;
        this.periodS = periodS;
    }

    @Override
    public long run(HostSimulator host, long now) {
        SplittableRandom random = host.random();
        Traffic traffic = host.traffic;
        long t = now;
        if (connection == null || now >= reconnectAt) {
            if (connection != null) {
                traffic.disconnect(t, connection);
            }
            SimulatedDnsAnswer answer = DnsAnswers.benign(domain, false);
            t = traffic.resolve(t, client, domain, EtwEvents.QUERY_TYPE_A, 0, answer);
            connection = traffic.connect(traffic.pause(t, 0.5, 3), client, answer.addresses().get(0), 443);
            t = traffic.exchange(traffic.pause(t, 30, 80), connection, 1_200 + random.nextInt(400), 4_000 + random.nextInt(2_000));
            reconnectAt = now + Micros.seconds(random.nextDouble(2_400, 4_800));
        } else {
            t = traffic.exchange(t, connection, 62 + random.nextInt(8), 62 + random.nextInt(8));
        }
        if (random.nextDouble() < MESSAGE_PROBABILITY) {
            traffic.exchange(traffic.pause(t, 500, Math.max(600, periodS * 500.0)), connection,
                    300 + random.nextInt(3_000), 300 + random.nextInt(20_000));
        }
        return now + Micros.seconds(periodS) + Micros.millisBetween(random, 0, 150);
    }
}
