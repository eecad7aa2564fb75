package io.etwcorr.simulator;

/** w32time in its svchost.exe: a 48-byte NTP request and reply over UDP port 123 at a fixed period. */
final class NtpSync implements Activity {
    private static final int NTP_PORT = 123;
    private static final int NTP_PACKET = 48;

    private final SimProcess timeService;
    private final long periodS;

    NtpSync(SimProcess timeService, long periodS) {
        this.timeService = timeService;
        this.periodS = periodS;
    }

    @Override
    public long run(HostSimulator host, long now) {
        Traffic traffic = host.traffic;
        SimulatedDnsAnswer answer = DnsAnswers.benign(BenignActivities.NTP_DOMAIN, false);
        long t = traffic.resolve(now, timeService, BenignActivities.NTP_DOMAIN, EtwEvents.QUERY_TYPE_A, 0, answer);
        traffic.udpExchange(traffic.pause(t, 0.5, 2), timeService, NTP_PORT, answer.addresses().get(0), NTP_PORT, NTP_PACKET);
        return now + Micros.seconds(periodS) + Micros.millisBetween(host.random(), 0, 400);
    }
}
