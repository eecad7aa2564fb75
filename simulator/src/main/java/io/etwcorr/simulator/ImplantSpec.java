package io.etwcorr.simulator;

import java.util.Objects;

/**
 * One implant to plant in a simulated fleet: where and when the intrusion chain runs, and how the
 * resulting process beacons.
 *
 * @param hostIndex      index of the host in the fleet (0-based)
 * @param startAfterS    seconds after the fleet's start when the chain's first process starts
 * @param sleepS         nominal sleep between callbacks, 1 s … 4 h
 * @param jitter         jitter fraction, 0 … 0.6
 * @param jitterKind     how the jitter spreads the interval
 * @param missedFraction fraction of callback slots skipped entirely, 0 … 0.3
 * @param mode           how each callback looks on the wire
 * @param delivery       whether the implant beacons itself or from an injected victim
 * @param target         the victim when {@code delivery} is {@link Delivery#INJECTED}; ignored otherwise
 * @param c2Domain       the C2 name, or null for a beacon that connects to a bare address (not allowed with DNS_ONLY)
 * @param c2Port         the C2 TCP port
 * @param activeForS     seconds the implant keeps beaconing after its chain ran; 0 = until the fleet's end
 * @param tradecraft     where it runs and how its lookups and processes look beyond timing and mode
 */
public record ImplantSpec(
        int hostIndex,
        long startAfterS,
        double sleepS,
        double jitter,
        JitterKind jitterKind,
        double missedFraction,
        BeaconMode mode,
        Delivery delivery,
        InjectionTarget target,
        String c2Domain,
        int c2Port,
        long activeForS,
        Tradecraft tradecraft) {

    public ImplantSpec {
        Objects.requireNonNull(jitterKind, "jitterKind");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(tradecraft, "tradecraft");
        requireIn("hostIndex", hostIndex, 0, Integer.MAX_VALUE);
        requireIn("startAfterS", startAfterS, 0, Long.MAX_VALUE);
        requireIn("sleepS", sleepS, 1, 4 * 3600);
        requireIn("jitter", jitter, 0, 0.6);
        requireIn("missedFraction", missedFraction, 0, 0.3);
        requireIn("c2Port", c2Port, 1, 65535);
        requireIn("activeForS", activeForS, 0, Long.MAX_VALUE);
        if (mode == BeaconMode.DNS_ONLY && c2Domain == null) {
            throw new IllegalArgumentException("a DNS_ONLY implant needs a C2 domain");
        }
        if (tradecraft != Tradecraft.STANDARD && tradecraft != Tradecraft.INTO_BROWSER && c2Domain == null) {
            throw new IllegalArgumentException(tradecraft + " needs a C2 domain");
        }
        if ((tradecraft.newProcessPerCallback() || tradecraft == Tradecraft.IPV6_ONLY) && mode != BeaconMode.NEW_CONNECTION) {
            throw new IllegalArgumentException(tradecraft + " calls back over new connections only, not " + mode);
        }
        if (tradecraft.newProcessPerCallback() && delivery != Delivery.DIRECT) {
            throw new IllegalArgumentException(tradecraft + " starts its own processes: delivery DIRECT, not " + delivery);
        }
        if (tradecraft == Tradecraft.INTO_BROWSER && delivery != Delivery.INJECTED) {
            throw new IllegalArgumentException("INTO_BROWSER is an injection");
        }
    }

    /** A {@link Tradecraft#STANDARD} implant. */
    public ImplantSpec(int hostIndex, long startAfterS, double sleepS, double jitter, JitterKind jitterKind, double missedFraction,
            BeaconMode mode, Delivery delivery, InjectionTarget target, String c2Domain, int c2Port, long activeForS) {
        this(hostIndex, startAfterS, sleepS, jitter, jitterKind, missedFraction, mode, delivery, target, c2Domain, c2Port, activeForS,
                Tradecraft.STANDARD);
    }

    /**
     * The demo's story: winword.exe opens a macro document, its powershell.exe injects into a
     * rundll32.exe it starts, and the victim beacons every 60 s (20 % Cobalt Strike jitter, 5 %
     * missed) over new connections to a domain whose addresses rotate.
     */
    public static ImplantSpec story(int hostIndex) {
        return new ImplantSpec(hostIndex, 300, 60, 0.2, JitterKind.ASYMMETRIC, 0.05, BeaconMode.NEW_CONNECTION,
                Delivery.INJECTED, InjectionTarget.SPAWNED_RUNDLL32, "cdn.update-check.example", 443, 0);
    }

    /** The destination as ground truth names it: the domain, or {@code ip:port} when the implant resolves nothing. */
    String destinationLabel(String firstAddress) {
        return c2Domain != null ? c2Domain : firstAddress + ":" + c2Port;
    }

    private static void requireIn(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
