package io.etwcorr.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One implant's story on its host: explorer.exe opens a document in winword.exe, whose macro runs
 * powershell.exe, which starts the implant (DIRECT) or injects it into a victim (INJECTED); then
 * the beaconing process calls back on its {@link ImplantSchedule} until the fleet's time is over.
 */
final class ImplantActivity implements Activity {
    private static final ProcessImage WINWORD = ProcessImage.at("C:\\Program Files\\Microsoft Office\\root\\Office16\\winword.exe");
    private static final ProcessImage POWERSHELL = ProcessImage.system32("WindowsPowerShell\\v1.0\\powershell.exe");
    private static final ProcessImage RUNDLL32 = ProcessImage.system32("rundll32.exe");
    private static final ProcessImage NOTEPAD = ProcessImage.system32("notepad.exe");
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
        this.addresses = DnsAnswers.c2Addresses(fleet.seed(), index);
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
                callBack(host, now);
                callbacks.add(now);
                return schedule.nextCallback();
            }
        }
    }

    private void launch(HostSimulator host, long now) {
        String user = host.booted.user;
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
        host.truth.implant(index, () -> new ImplantTruth(index, host.name, beacon.entityId(host.name), beacon.pid(), beacon.name(),
                beacon.image().dosPath(), spec.destinationLabel(addresses.get(0)), addresses, spec.c2Port(), spec.mode(),
                spec.delivery(), spec.sleepS(), spec.jitter(), spec.jitterKind(), spec.missedFraction(), lineage,
                ExpectedLineage.patientZero(lineage), schedule.missedSlots(), callbacks));
        SimProcess macro = powershell;
        host.schedule(now + Micros.seconds(wire.nextDouble(2, 8)), (h, t) -> {
            h.stopProcess(t, macro, 0);
            return DONE;
        });
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
                    SimulatedDnsAnswer answer = DnsAnswers.rotating(addresses, callback);
                    t = traffic.resolve(t, beacon, spec.c2Domain(), EtwEvents.QUERY_TYPE_A, 0, answer);
                    address = answer.addresses().get(0);
                    t = traffic.pause(t, 0.3, 3);
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
                        SimulatedDnsAnswer answer = DnsAnswers.rotating(addresses, 0);
                        t = traffic.pause(traffic.resolve(t, beacon, spec.c2Domain(), EtwEvents.QUERY_TYPE_A, 0, answer), 0.3, 3);
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
                if (wire.nextBoolean()) {
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
