package io.etwcorr.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The simulated Internet's DNS. Answers depend only on the name, so every host of every fleet
 * resolves a site to the same addresses (which is what makes fleet-wide infrastructure visible);
 * C2 addresses depend on the fleet seed too.
 */
final class DnsAnswers {
    // Public first octets only: a benign answer must never look like loopback, link-local or private space.
    private static final int[] PUBLIC_FIRST_OCTETS = {13, 20, 23, 40, 52, 104, 142, 151, 184, 199, 204};
    private static final int[] HOSTING_FIRST_OCTETS = {5, 45, 91, 103, 146, 185, 193};
    private static final String[] IPV6_PREFIXES = {"2606:4700", "2620:1ec", "2a01:111", "2600:1406", "2a02:26f0"};
    /** Hosting providers' IPv6 space, where IPv6-only C2 lives. */
    private static final String[] C2_IPV6_PREFIXES = {"2a05:d014:1c0", "2604:a880:400:d1", "2a01:4f8:c17", "2001:19f0:6c01"};
    private static final String[] CDN_SUFFIXES = {"edgekey.net", "trafficmanager.net", "akamaiedge.net", "azureedge.net", "cloudfront.net"};
    private static final int C2_ADDRESS_COUNT = 4;

    private DnsAnswers() {
    }

    /** The answer to an A ({@code ipv6} false) or AAAA query for a benign name. */
    static SimulatedDnsAnswer benign(String name, boolean ipv6) {
        SplittableRandom random = new SplittableRandom(Seeds.of(name));
        List<String> entries = new ArrayList<>(cnameChain(name, random));
        boolean mapped = random.nextBoolean();
        int count = 1 + random.nextInt(3);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String address = ipv6 ? ipv6Address(random) : ipv4Address(random, PUBLIC_FIRST_OCTETS);
            addresses.add(address);
            entries.add(mapped && !ipv6 ? "::ffff:" + address : address);
        }
        return new SimulatedDnsAnswer(format(entries), addresses);
    }

    /** The answer for a name of the company's own zone: one address in its server subnet. */
    static SimulatedDnsAnswer internal(String name) {
        SplittableRandom random = new SplittableRandom(Seeds.of(name));
        String address = "10.200." + random.nextInt(250) + "." + (1 + random.nextInt(250));
        return new SimulatedDnsAnswer(format(List.of(address)), List.of(address));
    }

    /** Whether {@code name} also has IPv6 addresses (about a third of the sites do). */
    static boolean hasIpv6(String name) {
        return Math.floorMod(Seeds.of(name + "/v6"), 3) == 0;
    }

    /** The addresses a C2 domain (or, without one, the bare-address implant {@code implantIndex}) rotates over. */
    static List<String> c2Addresses(long seed, int implantIndex) {
        SplittableRandom random = Seeds.random(seed, Seeds.C2_ADDRESSES, implantIndex);
        List<String> addresses = new ArrayList<>();
        while (addresses.size() < C2_ADDRESS_COUNT) {
            String address = ipv4Address(random, HOSTING_FIRST_OCTETS);
            if (!addresses.contains(address)) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    /** The IPv6 addresses an IPv6-only C2 domain rotates over (its own stream: the IPv4 rotation stays as it was). */
    static List<String> c2Ipv6Addresses(long seed, int implantIndex) {
        SplittableRandom random = Seeds.random(seed, Seeds.C2_ADDRESSES, implantIndex, 6);
        List<String> addresses = new ArrayList<>();
        while (addresses.size() < C2_ADDRESS_COUNT) {
            String address = C2_IPV6_PREFIXES[random.nextInt(C2_IPV6_PREFIXES.length)] + "::" + Integer.toHexString(1 + random.nextInt(0xFFFF));
            if (!addresses.contains(address)) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    /** Callback {@code callback}'s AAAA answer over IPv6 {@code addresses}: the rotation's next address, then its successor. */
    static SimulatedDnsAnswer rotatingIpv6(List<String> addresses, long callback) {
        int first = (int) (callback % addresses.size());
        List<String> rotated = List.of(addresses.get(first), addresses.get((first + 1) % addresses.size()));
        return new SimulatedDnsAnswer(format(rotated), rotated);
    }

    /** Callback {@code callback}'s answer: the rotation's next address first, then its successor, IPv4-mapped. */
    static SimulatedDnsAnswer rotating(List<String> addresses, long callback) {
        int first = (int) (callback % addresses.size());
        List<String> rotated = List.of(addresses.get(first), addresses.get((first + 1) % addresses.size()));
        return new SimulatedDnsAnswer(format(rotated.stream().map(a -> "::ffff:" + a).toList()), rotated);
    }

    /** A TXT answer, as DNS tunnels use to carry tasking. */
    static SimulatedDnsAnswer text(SplittableRandom random) {
        return new SimulatedDnsAnswer(format(List.of("type:  16 " + hex(random, 24))), List.of());
    }

    /** The answer for a name that does not exist (status 9003): no records at all. */
    static SimulatedDnsAnswer none() {
        return new SimulatedDnsAnswer("", List.of());
    }

    static String hex(SplittableRandom random, int digits) {
        StringBuilder text = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            text.append(Character.forDigit(random.nextInt(16), 16));
        }
        return text.toString();
    }

    private static List<String> cnameChain(String name, SplittableRandom random) {
        int links = random.nextInt(3);
        List<String> chain = new ArrayList<>();
        for (int i = 0; i < links; i++) {
            String target = i == 0 ? name + "." + CDN_SUFFIXES[random.nextInt(CDN_SUFFIXES.length)]
                    : String.format(Locale.ROOT, "e%d.dscb.%s", 1000 + random.nextInt(9000), CDN_SUFFIXES[random.nextInt(CDN_SUFFIXES.length)]);
            chain.add("type:  5 " + target);
        }
        return chain;
    }

    private static String ipv4Address(SplittableRandom random, int[] firstOctets) {
        return firstOctets[random.nextInt(firstOctets.length)] + "." + random.nextInt(256) + "." + random.nextInt(256)
                + "." + (1 + random.nextInt(254));
    }

    // Canonical text form: the three zero groups in the middle compress to "::", the rest have no leading zeros.
    private static String ipv6Address(SplittableRandom random) {
        return IPV6_PREFIXES[random.nextInt(IPV6_PREFIXES.length)] + "::" + Integer.toHexString(1 + random.nextInt(0xFFFF))
                + ":" + Integer.toHexString(1 + random.nextInt(0xFFFF));
    }

    private static String format(List<String> entries) {
        StringBuilder results = new StringBuilder();
        for (String entry : entries) {
            results.append(entry).append(';');
        }
        return results.toString();
    }
}
