package io.etwcorr.simulator;

/**
 * w32time on a domain controller (the forest's time source): polls pool.ntp.org over UDP 123,
 * each time to one of the addresses the pool answers with, at its maximum poll interval (1024 s).
 */
final class DcTimeSync implements Activity {
    static final String NTP_POOL = "pool.ntp.org";
    private static final int NTP_PORT = 123;
    private static final int NTP_PACKET = 48;
    private static final long POLL_S = 1024;

    private final SimProcess timeService;
    private long polls;

    DcTimeSync(SimProcess timeService) {
        this.timeService = timeService;
    }

    @Override
    public long run(HostSimulator host, long now) {
        Traffic traffic = host.traffic;
        SimulatedDnsAnswer answer = DnsAnswers.benign(NTP_POOL, false);
        long t = traffic.resolve(now, timeService, NTP_POOL, EtwEvents.QUERY_TYPE_A, 0, answer);
        String server = answer.addresses().get((int) (polls++ % answer.addresses().size()));
        traffic.udpExchange(traffic.pause(t, 0.5, 2), timeService, NTP_PORT, server, NTP_PORT, NTP_PACKET);
        return now + Micros.seconds(POLL_S) + Micros.millisBetween(host.random(), 0, 900);
    }
}
