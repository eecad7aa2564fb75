package io.etwcorr.jobs.normalize;

import java.util.Arrays;

/**
 * Canonical text of IP address literals, parsed by hand: {@code InetAddress.getByName} would
 * resolve anything that is not a literal through DNS, per event.
 */
public final class IpAddresses {

    private static final int IPV6_GROUPS = 8;

    private IpAddresses() {}

    /**
     * The canonical text of an IP literal, or null when {@code text} is not one.
     *
     * <ul>
     *   <li>IPv4: dotted quad of decimal octets; leading zeros are rejected (some parsers read them
     *       as octal, so {@code 010.0.0.1} has no single meaning).
     *   <li>IPv6: RFC 5952 (lower case, no leading zeros, the longest run of two or more zero groups
     *       shortened to {@code ::}, the first one on ties); a zone id ({@code %eth0}) is dropped.
     *   <li>IPv4-mapped IPv6 ({@code ::ffff:1.2.3.4}, {@code ::ffff:102:304}) becomes IPv4.
     * </ul>
     */
    public static String canonical(String text) {
        if (text == null) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            long ipv4 = parseIpv4(text, 0, text.length());
            return ipv4 < 0 ? null : formatIpv4(ipv4);
        }
        int zone = text.indexOf('%');
        int[] groups = parseIpv6(text, zone < 0 ? text.length() : zone);
        if (groups == null) {
            return null;
        }
        if (isIpv4Mapped(groups)) {
            return formatIpv4((long) groups[6] << 16 | groups[7]);
        }
        return formatIpv6(groups);
    }

    /** Whether a canonical address is loopback (127/8, ::1) or link-local (169.254/16, fe80::/10). */
    public static boolean isLoopbackOrLinkLocal(String canonical) {
        if (canonical == null) {
            return false;
        }
        if (canonical.startsWith("127.") || canonical.startsWith("169.254.") || canonical.equals("::1")) {
            return true;
        }
        // fe80::/10 is fe80 to febf in the first group, which canonical text writes with 4 digits.
        return canonical.indexOf(':') == 4
                && canonical.startsWith("fe")
                && "89ab".indexOf(canonical.charAt(2)) >= 0;
    }

    /** Whether a canonical address is multicast (224/4, ff00::/8) or the IPv4 limited broadcast. */
    public static boolean isMulticastOrBroadcast(String canonical) {
        if (canonical == null) {
            return false;
        }
        if (canonical.startsWith("ff") && canonical.indexOf(':') == 4) {
            return true;
        }
        int dot = canonical.indexOf('.');
        if (dot < 0) {
            return false;
        }
        int first = Integer.parseInt(canonical.substring(0, dot));
        return (first >= 224 && first <= 239) || canonical.equals("255.255.255.255");
    }

    /** Whether a canonical address is the unspecified address (0.0.0.0, ::). */
    public static boolean isUnspecified(String canonical) {
        return "0.0.0.0".equals(canonical) || "::".equals(canonical);
    }

    /** The address of {@code text[start, end)} as unsigned 32 bits, or -1 when it is no dotted quad. */
    private static long parseIpv4(String text, int start, int end) {
        long address = 0;
        int octets = 0;
        int position = start;
        while (octets < 4) {
            int digitsStart = position;
            int octet = 0;
            while (position < end && position - digitsStart < 3 && isDigit(text.charAt(position))) {
                octet = octet * 10 + (text.charAt(position) - '0');
                position++;
            }
            int digits = position - digitsStart;
            if (digits == 0 || octet > 255 || (digits > 1 && text.charAt(digitsStart) == '0')) {
                return -1;
            }
            address = address << 8 | octet;
            octets++;
            if (octets < 4) {
                if (position >= end || text.charAt(position) != '.') {
                    return -1;
                }
                position++;
            }
        }
        return position == end ? address : -1;
    }

    /** The 8 groups of an IPv6 literal in {@code text[0, end)}, or null when it is none. */
    private static int[] parseIpv6(String text, int end) {
        int[] groups = new int[IPV6_GROUPS];
        int count = 0;
        int gap = -1; // index in groups where "::" stands
        int position = 0;
        if (text.startsWith("::")) {
            gap = 0;
            position = 2;
        }
        while (position < end) {
            int groupStart = position;
            int value = 0;
            while (position < end && position - groupStart < 5 && hexDigit(text.charAt(position)) >= 0) {
                value = value << 4 | hexDigit(text.charAt(position));
                position++;
            }
            int digits = position - groupStart;
            if (position < end && text.charAt(position) == '.') {
                // Embedded IPv4 in the last 32 bits.
                long ipv4 = parseIpv4(text, groupStart, end);
                if (ipv4 < 0 || count > IPV6_GROUPS - 2) {
                    return null;
                }
                groups[count++] = (int) (ipv4 >>> 16);
                groups[count++] = (int) (ipv4 & 0xffff);
                position = end;
                break;
            }
            if (digits == 0 || digits > 4 || count == IPV6_GROUPS) {
                return null;
            }
            groups[count++] = value;
            if (position == end) {
                break;
            }
            if (text.charAt(position) != ':') {
                return null;
            }
            position++;
            if (position < end && text.charAt(position) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                position++;
            } else if (position == end) {
                return null; // a single trailing colon
            }
        }
        if (gap < 0) {
            return count == IPV6_GROUPS ? groups : null;
        }
        if (count == IPV6_GROUPS) {
            return null; // "::" must stand for at least one group
        }
        int shift = IPV6_GROUPS - count;
        System.arraycopy(groups, gap, groups, gap + shift, count - gap);
        Arrays.fill(groups, gap, gap + shift, 0);
        return groups;
    }

    private static boolean isIpv4Mapped(int[] groups) {
        return groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff;
    }

    private static String formatIpv4(long address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    private static String formatIpv6(int[] groups) {
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 4.2.2: a single zero group is not shortened
        for (int start = 0; start < IPV6_GROUPS; ) {
            if (groups[start] != 0) {
                start++;
                continue;
            }
            int end = start;
            while (end < IPV6_GROUPS && groups[end] == 0) {
                end++;
            }
            if (end - start > bestLength) {
                bestStart = start;
                bestLength = end - start;
            }
            start = end;
        }
        StringBuilder text = new StringBuilder(39);
        for (int index = 0; index < IPV6_GROUPS; index++) {
            if (index == bestStart) {
                text.append("::");
                index += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[index]));
        }
        return text.toString();
    }

    /** ASCII digits only: {@link Character#isDigit} also accepts other scripts' digits. */
    static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }

    private static int hexDigit(char character) {
        if (isDigit(character)) {
            return character - '0';
        }
        char lower = (char) (character | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
