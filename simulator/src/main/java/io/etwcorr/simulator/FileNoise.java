package io.etwcorr.simulator;

import java.util.Locale;
import java.util.SplittableRandom;

/** Kernel-File creates of running processes: records of a provider the jobs pass over and count. */
final class FileNoise implements Activity {
    static final double MEAN_GAP_S = 30;

    private final double scale;

    FileNoise(double scale) {
        this.scale = scale;
    }

    @Override
    public long run(HostSimulator host, long now) {
        SplittableRandom random = host.random();
        SimProcess process = host.processes.anyButSystem(random);
        String file = "\\Device\\HarddiskVolume3\\Windows\\Temp\\~DF" + DnsAnswers.hex(random, 8).toUpperCase(Locale.ROOT) + ".TMP";
        host.emit(EtwEvents.fileCreate(now, process, 0xFFFF_C000_0000_0000L + ((long) random.nextInt(1 << 24) << 4), file));
        return now + Micros.exponential(random, MEAN_GAP_S / scale);
    }
}
