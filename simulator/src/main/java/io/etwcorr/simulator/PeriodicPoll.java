package io.etwcorr.simulator;

import java.util.SplittableRandom;

/** A service asking its backend for news at a nearly fixed period, each time on a new connection. */
final class PeriodicPoll implements Activity {
    private final SimProcess process;
    private final String domain;
    private final long periodS;
    private final double jitter;

    PeriodicPoll(SimProcess process, String domain, long periodS, double jitter) {
        this.process = process;
        this.domain = domain;
        this.periodS = periodS;
        this.jitter = jitter;
    }

    @Override
    public long run(HostSimulator host, long now) {
        SplittableRandom random = host.random();
        Traffic traffic = host.traffic;
        SimulatedDnsAnswer answer = DnsAnswers.benign(domain, false);
        long t = traffic.resolve(now, process, domain, EtwEvents.QUERY_TYPE_A, 0, answer);
        TcpConnection connection = traffic.connect(traffic.pause(t, 0.5, 3), process, answer.addresses().get(0), 443);
        t = traffic.pause(t, 30, 90);
        t = traffic.exchange(t, connection, 900 + random.nextInt(700), 1_500 + random.nextInt(6_000));
        if (random.nextInt(4) == 0) {
            t = traffic.exchange(traffic.pause(t, 5, 40), connection, 400 + random.nextInt(400), 200 + random.nextInt(30_000));
        }
        traffic.disconnect(traffic.pause(t, 100, 2_000), connection);
        return now + Micros.seconds(periodS * random.nextDouble(1 - jitter, 1 + jitter));
    }
}
