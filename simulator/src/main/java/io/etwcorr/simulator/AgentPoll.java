package io.etwcorr.simulator;

import java.util.SplittableRandom;

/**
 * A server agent asking its (internal) server for work at a fixed period on a new connection, with
 * request and answer of nearly constant size: monitoring agents' active checks, backup agents'
 * job polls. The server accepts and answers every time. The agent process starts at its first run.
 */
final class AgentPoll implements Activity {
    private final ProcessImage image;
    private final String commandLine;
    private final String domain;
    private final int port;
    private final long periodS;
    private final int requestSize;
    private final int answerSize;
    private SimProcess agent;

    AgentPoll(ProcessImage image, String commandLine, String domain, int port, long periodS, int requestSize, int answerSize) {
        this.image = image;
        this.commandLine = commandLine;
        this.domain = domain;
        this.port = port;
        this.periodS = periodS;
        this.requestSize = requestSize;
        this.answerSize = answerSize;
    }

    /** Starts the agent as a service now and labels its pair; the polls follow. */
    SimProcess start(HostSimulator host, long now, BenignCategory category) {
        agent = host.startProcess(now, host.booted.services, image, commandLine, BootedHost.SYSTEM_USER, 0);
        host.truth.benign(host, agent, domain, category);
        return agent;
    }

    @Override
    public long run(HostSimulator host, long now) {
        SplittableRandom random = host.random();
        Traffic traffic = host.traffic;
        SimulatedDnsAnswer answer = DnsAnswers.internal(domain);
        long t = traffic.resolve(now, agent, domain, EtwEvents.QUERY_TYPE_A, 0, answer);
        TcpConnection connection = traffic.connect(traffic.pause(t, 0.3, 2), agent, answer.addresses().get(0), port);
        t = traffic.exchange(traffic.pause(t, 1, 5), connection, requestSize + random.nextInt(1 + requestSize / 50),
                answerSize + random.nextInt(1 + answerSize / 20));
        traffic.disconnect(traffic.pause(t, 1, 20), connection);
        // Agents sleep a fixed period after each check; the check itself takes a few ms.
        return now + Micros.seconds(periodS) + Micros.millisBetween(random, 2, 40);
    }
}
