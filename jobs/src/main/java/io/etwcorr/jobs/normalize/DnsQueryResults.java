package io.etwcorr.jobs.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code QueryResults} prop of DNS-Client answers: {@code ;}-separated (and terminated)
 * entries, each an IPv4 address (plain or IPv4-mapped IPv6), an IPv6 address, or {@code type:  N
 * value} for another record type, of which only CNAMEs (type 5) are kept. Entries that are none of
 * these are skipped: the answer is still worth its other entries.
 *
 * <p>Example: {@code type:  5 edge.example-dns.com;::ffff:162.125.81.15;2620:4d:4000::1;} has the
 * CNAME {@code edge.example-dns.com} and the addresses {@code 162.125.81.15} and {@code
 * 2620:4d:4000::1}.
 */
public final class DnsQueryResults {

    /** Longest DNS name kept; longer ones are truncated. */
    public static final int MAX_NAME_CHARS = 255;
    /**
     * Addresses and CNAMEs kept of one answer; the rest are ignored. A real answer has a few dozen at
     * most, and every kept address is held in the DNS join state of the process for the DNS TTL.
     */
    public static final int MAX_ADDRESSES = 64;
    public static final int MAX_CNAMES = 16;

    private static final String[] NONE = new String[0];
    private static final String RECORD_PREFIX = "type:";
    private static final int CNAME_TYPE = 5;

    private final String[] cnames;
    private final String[] addresses;

    private DnsQueryResults(String[] cnames, String[] addresses) {
        this.cnames = cnames;
        this.addresses = addresses;
    }

    /** Parses {@code queryResults}; null or empty gives no entries. Never throws. */
    public static DnsQueryResults parse(String queryResults) {
        if (queryResults == null || queryResults.isEmpty()) {
            return new DnsQueryResults(NONE, NONE);
        }
        List<String> cnames = new ArrayList<>(2);
        List<String> addresses = new ArrayList<>(4);
        int start = 0;
        while (start < queryResults.length() && (addresses.size() < MAX_ADDRESSES || cnames.size() < MAX_CNAMES)) {
            int end = queryResults.indexOf(';', start);
            if (end < 0) {
                end = queryResults.length();
            }
            String entry = queryResults.substring(start, end).trim();
            if (entry.regionMatches(true, 0, RECORD_PREFIX, 0, RECORD_PREFIX.length())) {
                String cname = cname(entry);
                if (cname != null && cnames.size() < MAX_CNAMES) {
                    cnames.add(cname);
                }
            } else {
                String address = IpAddresses.canonical(entry);
                if (address != null && addresses.size() < MAX_ADDRESSES) {
                    addresses.add(address);
                }
            }
            start = end + 1;
        }
        return new DnsQueryResults(cnames.toArray(NONE), addresses.toArray(NONE));
    }

    /**
     * A DNS name as the jobs compare it: lower case, without the trailing dot of the root, at most
     * {@link #MAX_NAME_CHARS} characters.
     */
    public static String normalizeName(String name) {
        String withoutRoot = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return RawProps.truncate(withoutRoot, MAX_NAME_CHARS).toLowerCase(Locale.ROOT);
    }

    /** CNAME targets in chain order, normalized by {@link #normalizeName}. */
    public String[] cnames() {
        return cnames;
    }

    /** Addresses in canonical text, in answer order. */
    public String[] addresses() {
        return addresses;
    }

    /** The target of a {@code type:  5 name} entry, or null for other types and malformed entries. */
    private static String cname(String entry) {
        int position = RECORD_PREFIX.length();
        while (position < entry.length() && entry.charAt(position) == ' ') {
            position++;
        }
        int typeStart = position;
        int type = 0;
        // Six digits at most: more than any 16-bit record type needs, and no overflow.
        while (position < entry.length() && position - typeStart < 6 && IpAddresses.isDigit(entry.charAt(position))) {
            type = type * 10 + (entry.charAt(position) - '0');
            position++;
        }
        if (position == typeStart || type != CNAME_TYPE || position == entry.length() || entry.charAt(position) != ' ') {
            return null;
        }
        String name = normalizeName(entry.substring(position).trim());
        return name.isEmpty() || name.indexOf(' ') >= 0 ? null : name;
    }
}
