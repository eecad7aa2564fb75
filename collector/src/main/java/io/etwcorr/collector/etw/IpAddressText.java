package io.etwcorr.collector.etw;

/**
 * Canonical text of raw IP addresses, as the contract's IPv4/IPv6 property values, written either
 * into a record's JSON directly or as a string. Addresses are their wire bytes read big-endian:
 * an IPv4 address as an int, an IPv6 address as two longs.
 */
final class IpAddressText {
    private IpAddressText() {
    }

    /** {@code a.b.c.d}. */
    static String ipv4(int address) {
        JsonBuffer text = new JsonBuffer(15);
        writeIpv4(address, text);
        return text.toAsciiString();
    }

    static void writeIpv4(int address, JsonBuffer out) {
        out.number(address >>> 24);
        out.raw('.');
        out.number((address >>> 16) & 0xff);
        out.raw('.');
        out.number((address >>> 8) & 0xff);
        out.raw('.');
        out.number(address & 0xff);
    }

    static String ipv6(long high, long low) {
        JsonBuffer text = new JsonBuffer(39);
        writeIpv6(high, low, text);
        return text.toAsciiString();
    }

    /**
     * RFC 5952 text: lower-case hex groups without leading zeros, the longest run (leftmost on a
     * tie) of two or more zero groups as {@code ::}. An IPv4-mapped address ({@code ::ffff:a.b.c.d},
     * a dual-stack socket talking IPv4) becomes plain {@code a.b.c.d} so it matches the same peer
     * seen by the IPv4 events and in DNS answers.
     */
    static void writeIpv6(long high, long low, JsonBuffer out) {
        if (high == 0 && (low >>> 32) == 0xffffL) {
            writeIpv4((int) low, out);
            return;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (group(high, low, i) != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && group(high, low, i) == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        boolean afterColon = true;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.raw(':');
                out.raw(':');
                i += bestLength - 1;
                afterColon = true;
                continue;
            }
            if (!afterColon) {
                out.raw(':');
            }
            out.hex16(group(high, low, i));
            afterColon = false;
        }
    }

    private static int group(long high, long low, int index) {
        long half = index < 4 ? high : low;
        return (int) (half >>> (48 - 16 * (index & 3))) & 0xffff;
    }
}
