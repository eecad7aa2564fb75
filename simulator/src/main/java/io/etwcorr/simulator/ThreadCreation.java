package io.etwcorr.simulator;

import java.util.SplittableRandom;

/** Running processes creating threads of their own: ThreadStart with creator == owner, which is no injection. */
final class ThreadCreation implements Activity {
    static final double MEAN_GAP_S = 20;

    private final double scale;

    ThreadCreation(double scale) {
        this.scale = scale;
    }

    @Override
    public long run(HostSimulator host, long now) {
        SplittableRandom random = host.random();
        // Not System, whose threads are kernel threads the provider does not show here.
        SimProcess process = host.processes.anyButSystem(random);
        host.startThread(now, process, process, ThreadAddresses.inImage(random));
        return now + Micros.exponential(random, MEAN_GAP_S / scale);
    }
}
