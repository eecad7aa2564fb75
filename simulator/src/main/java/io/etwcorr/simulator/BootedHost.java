package io.etwcorr.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The processes already running when the collector starts, created in boot order with the
 * parentage Windows really shows: csrss, wininit and winlogon are children of smss instances that
 * exited, explorer.exe is the child of a userinit.exe that exited, so its lineage starts at itself.
 */
final class BootedHost {
    static final String SYSTEM_USER = "NT AUTHORITY\\SYSTEM";
    static final String LOCAL_SERVICE = "NT AUTHORITY\\LOCAL SERVICE";
    static final String NETWORK_SERVICE = "NT AUTHORITY\\NETWORK SERVICE";
    /** The generic svchost.exe instances an implant may inject into, one implant each. */
    static final int SPARE_SVCHOSTS = 6;

    private static final String SVCHOST = "C:\\Windows\\system32\\svchost.exe";

    final String user;
    final List<SimProcess> inBootOrder = new ArrayList<>();
    final SimProcess collector;
    final SimProcess explorer;
    final SimProcess browser;
    final SimProcess chat;
    final SimProcess oneDrive;
    final SimProcess edgeUpdate;
    final SimProcess services;
    final SimProcess dnsCache;
    final SimProcess scheduler;
    final SimProcess timeService;
    final SimProcess updateService;
    final SimProcess telemetryService;
    final List<SimProcess> spareSvchosts = new ArrayList<>();

    private final SimulatedProcessTable table;
    private final SplittableRandom random;
    private long clock;

    /** {@code chromeBrowser}: the user's browser is chrome.exe whatever the draw (the draw is made all the same). */
    BootedHost(SimulatedProcessTable table, SplittableRandom random, int hostIndex, long collectorStart, boolean chromeBrowser) {
        this.table = table;
        this.random = random;
        this.user = "CORP\\user" + (hostIndex + 1);
        this.clock = collectorStart - Micros.HOUR * (1 + random.nextInt(72)) - Micros.seconds(random.nextInt(3600));

        SimProcess system = table.register(new SimProcess(4, table.skipSequence(), 0, 0, clock, ProcessImage.SYSTEM, "",
                SYSTEM_USER, 0, 8));
        inBootOrder.add(system);
        SimProcess smss = start(system, ProcessImage.system32("smss.exe"), "\\SystemRoot\\System32\\smss.exe", SYSTEM_USER, 0);
        SimProcess bootSmss = exitedChild(smss, "smss.exe");
        start(bootSmss, ProcessImage.system32("csrss.exe"), "%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows", SYSTEM_USER, 0);
        SimProcess wininit = start(bootSmss, ProcessImage.system32("wininit.exe"), "wininit.exe", SYSTEM_USER, 0);
        SimProcess sessionSmss = exitedChild(smss, "smss.exe");
        start(sessionSmss, ProcessImage.system32("csrss.exe"), "%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows", SYSTEM_USER, 1);
        SimProcess winlogon = start(sessionSmss, ProcessImage.system32("winlogon.exe"), "winlogon.exe", SYSTEM_USER, 1);
        services = start(wininit, ProcessImage.system32("services.exe"), "C:\\Windows\\system32\\services.exe", SYSTEM_USER, 0);
        start(wininit, ProcessImage.system32("lsass.exe"), "C:\\Windows\\system32\\lsass.exe", SYSTEM_USER, 0);
        svchost(services, "-k DcomLaunch -p", SYSTEM_USER);
        svchost(services, "-k RPCSS -p", NETWORK_SERVICE);
        start(winlogon, ProcessImage.system32("dwm.exe"), "\"dwm.exe\"", "Window Manager\\DWM-1", 1);
        dnsCache = svchost(services, "-k NetworkService -p -s Dnscache", NETWORK_SERVICE);
        timeService = svchost(services, "-k LocalService -s W32Time", LOCAL_SERVICE);
        scheduler = svchost(services, "-k netsvcs -p -s Schedule", SYSTEM_USER);
        updateService = svchost(services, "-k netsvcs -p -s wuauserv", SYSTEM_USER);
        telemetryService = svchost(services, "-k utcsvc -p", SYSTEM_USER);
        for (int i = 0; i < SPARE_SVCHOSTS; i++) {
            spareSvchosts.add(svchost(services, spareGroup(i), i % 2 == 0 ? LOCAL_SERVICE : SYSTEM_USER));
        }
        start(services, ProcessImage.system32("spoolsv.exe"), "C:\\Windows\\System32\\spoolsv.exe", SYSTEM_USER, 0);
        start(services, ProcessImage.at("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.25070.5-0\\MsMpEng.exe"),
                "\"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.25070.5-0\\MsMpEng.exe\"", SYSTEM_USER, 0);
        collector = start(services, ProcessImage.at("C:\\Program Files\\etwcorr\\etwcorr-collector.exe"),
                "\"C:\\Program Files\\etwcorr\\etwcorr-collector.exe\" --service", SYSTEM_USER, 0);
        edgeUpdate = start(scheduler, ProcessImage.at("C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe"),
                "\"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe\" /svc", SYSTEM_USER, 0);

        SimProcess userinit = exitedChild(winlogon, "userinit.exe");
        explorer = start(userinit, ProcessImage.windows("explorer.exe"), "C:\\Windows\\Explorer.EXE", user, 1);
        start(scheduler, ProcessImage.system32("sihost.exe"), "sihost.exe", user, 1);
        start(explorer, ProcessImage.system32("SecurityHealthSystray.exe"), "\"C:\\Windows\\System32\\SecurityHealthSystray.exe\"", user, 1);
        oneDrive = start(explorer, ProcessImage.at("C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe"),
                "\"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe\" /background", user, 1);
        browser = random.nextBoolean() || chromeBrowser
                ? start(explorer, ProcessImage.at("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"),
                        "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\"", user, 1)
                : start(explorer, ProcessImage.at("C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"),
                        "\"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe\"", user, 1);
        String userHome = "C:\\Users\\user" + (hostIndex + 1);
        chat = random.nextInt(10) < 7
                ? start(explorer, ProcessImage.at(userHome + "\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe"),
                        "\"" + userHome + "\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe\" --system-initiated", user, 1)
                : start(explorer, ProcessImage.at(userHome + "\\AppData\\Local\\slack\\app-4.41.105\\slack.exe"),
                        "\"" + userHome + "\\AppData\\Local\\slack\\app-4.41.105\\slack.exe\" --startup", user, 1);
    }

    /** An svchost.exe no other implant has injected into yet. */
    SimProcess takeSpareSvchost() {
        if (spareSvchosts.isEmpty()) {
            throw new IllegalStateException("more than " + SPARE_SVCHOSTS + " implants inject into svchost.exe on one host");
        }
        return spareSvchosts.remove(0);
    }

    private SimProcess svchost(SimProcess services, String group, String account) {
        return start(services, ProcessImage.system32("svchost.exe"), SVCHOST + " " + group, account, 0);
    }

    private static String spareGroup(int i) {
        return switch (i % 3) {
            case 0 -> "-k LocalServiceNetworkRestricted -p";
            case 1 -> "-k netsvcs -p -s BITS";
            default -> "-k LocalSystemNetworkRestricted -p -s SysMain";
        };
    }

    private SimProcess start(SimProcess parent, ProcessImage image, String commandLine, String account, int session) {
        clock += Micros.millisBetween(random, 5, 4_000);
        SimProcess process = table.register(new SimProcess(table.freshPid(), table.skipSequence(), parent.pid(), parent.sequence(),
                clock, image, commandLine, account, session, table.newThreadId()));
        inBootOrder.add(process);
        // Processes that started and exited since boot took sequence numbers too.
        for (int gone = random.nextInt(4); gone > 0; gone--) {
            table.skipSequence();
        }
        return process;
    }

    /** A child of {@code parent} that has exited before the collector started: only its PID and number remain. */
    private SimProcess exitedChild(SimProcess parent, String imageName) {
        clock += Micros.millisBetween(random, 5, 500);
        return new SimProcess(table.freshPid(), table.skipSequence(), parent.pid(), parent.sequence(), clock,
                ProcessImage.system32(imageName), "", SYSTEM_USER, 0, 0);
    }
}
