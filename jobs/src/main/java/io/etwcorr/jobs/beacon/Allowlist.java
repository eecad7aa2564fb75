package io.etwcorr.jobs.beacon;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.jobs.normalize.IpAddresses;
import java.io.Serializable;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The configured allowlist: process image globs (matched case-insensitively against the full
 * path and the file name), domain suffix rules ({@code example.com} also matches the apex
 * itself and {@code *.example.com}), CIDRs of destination addresses, and (image, domain suffix,
 * transport) pairs that need all three: the shipped {@link DefaultAllowlist} minus the entries
 * switched off, plus the configured ones.
 */
public final class Allowlist implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Set<String> TRANSPORTS = Set.of("tcp", "udp", "dns", "any");

    private final List<String> imageGlobs;
    private final List<String> domains;
    private final List<String> cidrs;
    private final List<EtwcorrConfig.Pair> pairs;
    private transient List<PathMatcher> imageMatchers;
    private transient List<Cidr> networks;
    private transient List<PathMatcher> pairImages;

    public Allowlist(EtwcorrConfig.Allowlist config) {
        this.imageGlobs = lower(config.images);
        this.domains = lower(config.domains);
        this.cidrs = List.copyOf(config.cidrs);
        Set<String> known = new HashSet<>();
        DefaultAllowlist.ENTRIES.forEach(entry -> known.add(entry.name));
        for (String disabled : config.disabledDefaults) {
            if (!known.contains(disabled)) {
                throw new IllegalArgumentException("beacon.allowlist.disabledDefaults: no default entry named '" + disabled
                        + "'; the defaults are " + known.stream().sorted().toList());
            }
        }
        List<EtwcorrConfig.Pair> active = new ArrayList<>();
        DefaultAllowlist.ENTRIES.stream().filter(entry -> !config.disabledDefaults.contains(entry.name)).forEach(active::add);
        active.addAll(config.pairs);
        for (EtwcorrConfig.Pair pair : active) {
            if (pair.image == null || pair.domain == null || !TRANSPORTS.contains(pair.transport)) {
                throw new IllegalArgumentException("beacon.allowlist pair '" + pair.name
                        + "' needs an image, a domain and a transport of " + TRANSPORTS);
            }
        }
        this.pairs = List.copyOf(active);
        compile(); // fail at start-up on a bad rule, not on the first callback
    }

    public boolean allows(Callback callback) {
        if (imageMatchers == null) {
            compile();
        }
        return matchesImage(callback.executable, imageMatchers) || matchesDomain(callback.domain, domains)
                || matchesAddress(callback.ip) || matchesPair(callback);
    }

    private boolean matchesPair(Callback callback) {
        for (int i = 0; i < pairs.size(); i++) {
            EtwcorrConfig.Pair pair = pairs.get(i);
            if (("any".equals(pair.transport) || pair.transport.equals(callback.transport))
                    && matchesDomain(callback.domain, List.of(pair.domain.toLowerCase(Locale.ROOT)))
                    && matchesImage(callback.executable, List.of(pairImages.get(i)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesImage(String executable, List<PathMatcher> matchers) {
        if (executable == null || matchers.isEmpty()) {
            return false;
        }
        String path = executable.toLowerCase(Locale.ROOT).replace('\\', '/');
        String name = path.substring(path.lastIndexOf('/') + 1);
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(Path.of(name)) || matcher.matches(Path.of(path))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesDomain(String domain, List<String> rules) {
        if (domain == null) {
            return false;
        }
        String name = domain.toLowerCase(Locale.ROOT);
        for (String rule : rules) {
            String suffix = rule.startsWith("*.") ? rule.substring(2) : rule;
            if (name.equals(suffix) || name.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAddress(String ip) {
        if (ip == null || networks.isEmpty()) {
            return false;
        }
        for (Cidr network : networks) {
            if (network.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private void compile() {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : imageGlobs) {
            matchers.add(imageMatcher(glob));
        }
        List<PathMatcher> pairMatchers = new ArrayList<>();
        for (EtwcorrConfig.Pair pair : pairs) {
            pairMatchers.add(imageMatcher(pair.image.toLowerCase(Locale.ROOT)));
        }
        pairImages = pairMatchers;
        List<Cidr> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            parsed.add(Cidr.parse(cidr));
        }
        imageMatchers = matchers;
        networks = parsed;
    }

    private static PathMatcher imageMatcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob.replace('\\', '/'));
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    /** An IPv4 or IPv6 network; addresses are literals, so parsing them never touches DNS. */
    private record Cidr(BigInteger network, int bits, int length) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("allowlist CIDR is not an IP network: " + text);
            }
            int length = address.length * 8;
            int bits = slash < 0 ? length : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > length) {
                throw new IllegalArgumentException("allowlist CIDR has a bad prefix length: " + text);
            }
            return new Cidr(new BigInteger(1, address).shiftRight(length - bits), bits, length);
        }

        boolean contains(String ip) {
            byte[] address = literal(ip);
            return address != null && address.length * 8 == length
                    && new BigInteger(1, address).shiftRight(length - bits).equals(network);
        }

        private static byte[] literal(String ip) {
            String canonical = ip == null ? null : IpAddresses.canonical(ip);
            if (canonical == null) {
                return null;
            }
            try {
                return InetAddress.getByName(canonical).getAddress(); // a literal: no DNS lookup
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
