package io.etwcorr.collector.etw;

/** Canonical text of raw IP addresses, as the contract's IPv4/IPv6 property values. */
final class IpAddressText {
    private IpAddressText() {
    }

    /** {@code a.b.c.d} from four bytes in wire order. */
    static String ipv4(int b0, int b1, int b2, int b3) {
        return b0 + "." + b1 + "." + b2 + "." + b3;
    }

    /**
     * RFC 5952 text of eight 16-bit groups: lower-case hex without leading zeros, the longest run
     * (leftmost on a tie) of two or more zero groups as {@code ::}. An IPv4-mapped address
     * ({@code ::ffff:a.b.c.d}, a dual-stack socket talking IPv4) becomes plain {@code a.b.c.d} so it
     * matches the same peer seen by the IPv4 events and in DNS answers.
     */
    static String ipv6(int[] groups) {
        if (isIpv4Mapped(groups)) {
            return ipv4(groups[6] >>> 8, groups[6] & 0xff, groups[7] >>> 8, groups[7] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static boolean isIpv4Mapped(int[] groups) {
        for (int i = 0; i < 5; i++) {
            if (groups[i] != 0) {
                return false;
            }
        }
        return groups[5] == 0xffff;
    }
}
