package io.etwcorr.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a simulated fleet depends on: the same spec always yields the same events, byte for byte.
 *
 * @param seed        root of every random choice
 * @param hosts       number of hosts, named {@code WS-0001} …
 * @param startMicros fleet start (collector start on every host), µs since the Unix epoch
 * @param durationS   simulated seconds
 * @param rateScale   multiplier of the irregular benign event rates (1 = office workstation)
 * @param implants    implants to plant
 * @param benign      benign behaviours of every host
 */
public record FleetSpec(
        long seed,
        int hosts,
        long startMicros,
        long durationS,
        double rateScale,
        List<ImplantSpec> implants,
        BenignMix benign) {

    /** 2026-11-25T08:00:00Z, the default start of simulated fleets. */
    public static final long DEFAULT_START_MICROS = 1_795_593_600_000_000L;

    public FleetSpec {
        Objects.requireNonNull(benign, "benign");
        implants = List.copyOf(implants);
        if (hosts < 1 || hosts > 99_999) {
            throw new IllegalArgumentException("hosts must be in [1, 99999], got " + hosts);
        }
        if (durationS < 1) {
            throw new IllegalArgumentException("durationS must be >= 1, got " + durationS);
        }
        if (!(rateScale >= 0)) {
            throw new IllegalArgumentException("rateScale must be >= 0, got " + rateScale);
        }
        int[] svchostVictims = new int[hosts];
        for (ImplantSpec implant : implants) {
            if (implant.hostIndex() >= hosts) {
                throw new IllegalArgumentException("implant on host " + implant.hostIndex() + " of a fleet of " + hosts);
            }
            boolean intoSvchost = implant.delivery() == Delivery.INJECTED && implant.target() == InjectionTarget.EXISTING_SVCHOST;
            if (intoSvchost && ++svchostVictims[implant.hostIndex()] > BootedHost.SPARE_SVCHOSTS) {
                throw new IllegalArgumentException("more than " + BootedHost.SPARE_SVCHOSTS + " implants inject into svchost.exe on host "
                        + implant.hostIndex());
            }
        }
    }

    /** The demo: one hour of {@code hosts} benign hosts, the first of which runs {@link ImplantSpec#story}. */
    public static FleetSpec demo(int hosts, long seed) {
        return new FleetSpec(seed, hosts, DEFAULT_START_MICROS, 3600, 1.0, List.of(ImplantSpec.story(0)), BenignMix.defaults());
    }

    /** A fleet of benign hosts only, at default rates. */
    public static FleetSpec benign(int hosts, long seed, long durationS) {
        return new FleetSpec(seed, hosts, DEFAULT_START_MICROS, durationS, 1.0, List.of(), BenignMix.defaults());
    }

    public FleetSpec withDurationS(long newDurationS) {
        return new FleetSpec(seed, hosts, startMicros, newDurationS, rateScale, implants, benign);
    }

    public FleetSpec withRateScale(double newRateScale) {
        return new FleetSpec(seed, hosts, startMicros, durationS, newRateScale, implants, benign);
    }

    public FleetSpec withImplants(List<ImplantSpec> newImplants) {
        return new FleetSpec(seed, hosts, startMicros, durationS, rateScale, newImplants, benign);
    }

    public FleetSpec withBenign(BenignMix newBenign) {
        return new FleetSpec(seed, hosts, startMicros, durationS, rateScale, implants, newBenign);
    }

    /** The fleet's end, µs since the Unix epoch (exclusive). */
    long endMicros() {
        return startMicros + durationS * 1_000_000L;
    }

    /** The name of host {@code index}. */
    static String hostName(int index) {
        return String.format(Locale.ROOT, "WS-%04d", index + 1);
    }
}
