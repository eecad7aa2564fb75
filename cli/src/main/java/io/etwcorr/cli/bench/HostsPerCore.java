package io.etwcorr.cli.bench;

import io.etwcorr.simulator.FleetEvents;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.schemas.raw.RawEvent;

/**
 * How many hosts one core keeps up with end to end (docs/PERFORMANCE.md): one CPU-second over the CPU
 * time an event costs end to end (job, in-process broker and clients) times the raw events one host
 * sends per second. CPU time rather than the wall-clock rate, because the rate falls when other work
 * shares the cores while the CPU time per event hardly changes. The per-host rate is the simulated benign fleet's (office workstations at default rates) in
 * steady state: its first minutes, each host's process rundown and start-up burst, are left out.
 */
final class HostsPerCore {
    static final int HOSTS = 20;
    /** Simulated seconds skipped before counting: the hosts' rundowns and first lookups. */
    static final long SKIP_S = 600;
    static final long WINDOW_S = 3600;
    private static final long SEED = 20261206L;

    private HostsPerCore() {}

    /** Raw events per host and simulated second of the benign fleet, past its start-up. */
    static double hostEventsPerSecond() {
        FleetSpec spec = FleetSpec.benign(HOSTS, SEED, SKIP_S + WINDOW_S);
        long from = spec.startMicros() + SKIP_S * 1_000_000L;
        long until = from + WINDOW_S * 1_000_000L;
        long counted = 0;
        FleetEvents events = FleetSimulator.events(spec);
        while (events.hasNext()) {
            RawEvent event = events.next();
            if (event.ts() >= from && event.ts() < until) {
                counted++;
            }
        }
        return counted / (double) HOSTS / WINDOW_S;
    }

    /** Hosts one core keeps up with, given the CPU time per event end to end. */
    static double hostsPerCore(double cpuMicrosPerEvent, double hostEventsPerSecond) {
        return 1e6 / cpuMicrosPerEvent / hostEventsPerSecond;
    }
}
