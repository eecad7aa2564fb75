package io.etwcorr.simulator;

import java.util.SplittableRandom;

/**
 * Short-lived cmd.exe and powershell.exe runs (each with its conhost.exe), started by the user's
 * explorer.exe or by the task scheduler. They exit within seconds to minutes, so their PIDs come
 * back soon for other processes: what the jobs' entity ids are for.
 */
final class AdminTools implements Activity {
    private static final String[] CMD_LINES = {
        "cmd.exe /c ipconfig /all", "cmd.exe /c gpupdate /target:computer", "cmd.exe /c net use",
        "cmd.exe /c \"C:\\ProgramData\\corp\\inventory.cmd\"",
    };
    private static final String[] POWERSHELL_LINES = {
        "powershell.exe -NoProfile -File C:\\ProgramData\\corp\\health-check.ps1",
        "powershell.exe -NoProfile -Command Get-Service | Where-Object Status -eq Stopped",
        "powershell.exe -ExecutionPolicy Bypass -File C:\\ProgramData\\corp\\cleanup.ps1",
    };

    private final double meanGapS;

    AdminTools(double meanGapS) {
        this.meanGapS = meanGapS;
    }

    long gap(SplittableRandom random) {
        return Micros.exponential(random, meanGapS);
    }

    @Override
    public long run(HostSimulator host, long now) {
        SplittableRandom random = host.random();
        BootedHost booted = host.booted;
        boolean interactive = random.nextInt(10) < 6;
        SimProcess parent = interactive ? booted.explorer : booted.scheduler;
        String user = interactive ? booted.user : BootedHost.SYSTEM_USER;
        int session = interactive ? 1 : 0;
        boolean powershell = random.nextBoolean();
        String commandLine = powershell ? POWERSHELL_LINES[random.nextInt(POWERSHELL_LINES.length)]
                : CMD_LINES[random.nextInt(CMD_LINES.length)];
        SimProcess tool = host.startProcess(now, parent,
                powershell ? ProcessImage.system32("WindowsPowerShell\\v1.0\\powershell.exe") : ProcessImage.system32("cmd.exe"),
                commandLine, user, session);
        long consoleAt = now + Micros.millisBetween(random, 2, 30);
        SimProcess console = host.startProcess(consoleAt, tool, ProcessImage.system32("conhost.exe"),
                "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1", user, session);
        long exitAt = consoleAt + Micros.seconds(random.nextDouble(0.5, 90));
        host.schedule(exitAt, new ExitProcesses(console, tool));
        return now + gap(random);
    }

    /** The tool and its console exit together, console first. */
    private record ExitProcesses(SimProcess console, SimProcess tool) implements Activity {
        @Override
        public long run(HostSimulator host, long now) {
            host.stopProcess(now, console, 0);
            host.stopProcess(now + Micros.millisBetween(host.random(), 0.2, 5), tool, host.random().nextInt(20) == 0 ? 1 : 0);
            return DONE;
        }
    }
}
