package io.etwcorr.simulator;

import java.util.SplittableRandom;

/**
 * A user browsing in sessions: pages at irregular times while active, nothing while away. Each page
 * resolves its site and some third parties (A, and AAAA where the site has IPv6), opens
 * connections and moves bytes of very different sizes.
 */
final class Browsing implements Activity {
    private static final double MEAN_ACTIVE_S = 25 * 60;
    private static final double MEAN_AWAY_S = 15 * 60;
    private static final double MISTYPE_PROBABILITY = 0.02;

    private final SimProcess browser;
    private final double meanGapS;
    private long activeUntil = Long.MIN_VALUE;

    Browsing(SimProcess browser, double meanGapS) {
        this.browser = browser;
        this.meanGapS = meanGapS;
    }

    @Override
    public long run(HostSimulator host, long now) {
        SplittableRandom random = host.random();
        if (now >= activeUntil && activeUntil != Long.MIN_VALUE) {
            activeUntil = Long.MIN_VALUE;
            return now + Micros.exponential(random, MEAN_AWAY_S);
        }
        if (activeUntil == Long.MIN_VALUE) {
            activeUntil = now + Micros.exponential(random, MEAN_ACTIVE_S);
        }
        visit(host, now, random);
        return now + Micros.exponential(random, meanGapS);
    }

    private void visit(HostSimulator host, long now, SplittableRandom random) {
        Traffic traffic = host.traffic;
        if (random.nextDouble() < MISTYPE_PROBABILITY) {
            String name = Sites.MISTYPED.get(random.nextInt(Sites.MISTYPED.size()));
            traffic.resolve(now, browser, name, EtwEvents.QUERY_TYPE_A, 9003, DnsAnswers.none());
            return;
        }
        // Popular sites come up more often: the square skews the index towards the list's head.
        double skew = random.nextDouble();
        String page = Sites.PAGES.get((int) (skew * skew * Sites.PAGES.size()));
        long t = load(traffic, random, now, page, true);
        for (int extra = random.nextInt(4); extra > 0; extra--) {
            String thirdParty = Sites.THIRD_PARTIES.get(random.nextInt(Sites.THIRD_PARTIES.size()));
            t = load(traffic, random, traffic.pause(t, 5, 300), thirdParty, false);
        }
    }

    private long load(Traffic traffic, SplittableRandom random, long t, String name, boolean page) {
        boolean ipv6 = DnsAnswers.hasIpv6(name) && random.nextBoolean();
        SimulatedDnsAnswer answer = DnsAnswers.benign(name, ipv6);
        t = traffic.resolve(t, browser, name, ipv6 ? EtwEvents.QUERY_TYPE_AAAA : EtwEvents.QUERY_TYPE_A, 0, answer);
        String address = answer.addresses().get(random.nextInt(answer.addresses().size()));
        TcpConnection connection = traffic.connect(traffic.pause(t, 0.3, 4), browser, address, 443);
        t = traffic.pause(t, 20, 150);
        for (int requests = 1 + random.nextInt(page ? 4 : 2); requests > 0; requests--) {
            t = traffic.send(t, connection, 300 + random.nextInt(1_800));
            for (int chunks = 1 + random.nextInt(page ? 6 : 3); chunks > 0; chunks--) {
                t = traffic.receive(traffic.pause(t, 5, 250), connection, responseSize(random));
            }
            t = traffic.pause(t, 10, 2_000);
        }
        traffic.disconnect(traffic.pause(t, 1_000, 90_000), connection);
        return t;
    }

    // Heavy-tailed: mostly small resources, sometimes large images and scripts.
    private static int responseSize(SplittableRandom random) {
        return (int) Math.min(1_048_576, 200 + Math.round(1_500 * Math.pow(1 - random.nextDouble(), -1.2)));
    }
}
