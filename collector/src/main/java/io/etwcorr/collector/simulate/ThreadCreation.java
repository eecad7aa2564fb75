package io.etwcorr.collector.simulate;

import java.util.List;
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
        List<SimProcess> live = host.processes.live();
        // Index 0 is System, whose threads are kernel threads the provider does not show here.
        SimProcess process = live.get(1 + random.nextInt(live.size() - 1));
        host.startThread(now, process, process, ThreadAddresses.inImage(random));
        return now + Micros.exponential(random, MEAN_GAP_S / scale);
    }
}
