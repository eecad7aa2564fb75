package io.etwcorr.jobs.normalize;

import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventException;
import java.util.List;

/**
 * Reads the props of a {@link RawEvent} by manifest name, checked against the contract's types.
 *
 * <p>A required prop that is absent (or JSON null) or an optional prop that is present with the
 * wrong type raises a {@link RawEventException} whose reason names the provider, the event id, the
 * prop and the offending value. Optional props read as -1 or null when absent. Reasons are built
 * only on failure, so the valid path allocates nothing but the values it returns.
 */
public final class RawProps {

    static final long UINT16_MAX = 0xffffL;
    static final long UINT32_MAX = 0xffff_ffffL;
    /** Ends a text value cut to its limit (one char, U+2026). */
    static final String TRUNCATION_MARKER = "\u2026";

    /** Longest value shown in a reason; the rest of the event is in the dead-letter record. */
    private static final int MAX_SHOWN_CHARS = 80;

    private RawProps() {}

    /** The integer prop {@code name}, which must lie in {@code [min, max]}. */
    static long integer(RawEvent raw, String name, long min, long max) throws RawEventException {
        return integer(raw, name, required(raw, name), min, max);
    }

    /** The integer prop {@code name} in {@code [min, max]}, or -1 when absent. */
    static long optionalInteger(RawEvent raw, String name, long min, long max) throws RawEventException {
        Object value = value(raw, name);
        return value == null ? -1 : integer(raw, name, value, min, max);
    }

    /**
     * The unsigned 64-bit prop {@code name} as its bit pattern, or -1 when absent. The contract
     * writes values above 2^63-1 as decimal strings. 2^64-1 reads as -1 too: sequence numbers and
     * kernel addresses never take that value.
     */
    static long optionalUnsigned64(RawEvent raw, String name) throws RawEventException {
        Object value = value(raw, name);
        if (value == null) {
            return -1;
        }
        if (value instanceof Long number && number >= 0) {
            return number;
        }
        if (value instanceof String digits && isDecimal(digits)) {
            try {
                return Long.parseUnsignedLong(digits);
            } catch (NumberFormatException aboveRange) {
                // reported below
            }
        }
        throw invalid(raw, "property '" + name + "' must be an unsigned 64-bit integer, got " + shown(value));
    }

    /** The string prop {@code name}, truncated to {@code maxChars}. */
    static String string(RawEvent raw, String name, int maxChars) throws RawEventException {
        return string(raw, name, required(raw, name), maxChars);
    }

    /** The string prop {@code name} truncated to {@code maxChars}, or null when absent. */
    static String optionalString(RawEvent raw, String name, int maxChars) throws RawEventException {
        Object value = value(raw, name);
        return value == null ? null : string(raw, name, value, maxChars);
    }

    /** The IP address prop {@code name} in canonical text. */
    static String ipAddress(RawEvent raw, String name) throws RawEventException {
        Object value = required(raw, name);
        String canonical = value instanceof String text ? IpAddresses.canonical(text) : null;
        if (canonical == null) {
            throw invalid(raw, "'" + name + "' is not an IP address: " + shown(value));
        }
        return canonical;
    }

    /** The string enrichment {@code key} truncated to {@code maxChars}; best effort, so never an error. */
    static String enrichment(RawEvent raw, String key, int maxChars) {
        return truncate(raw.enrichment(key), maxChars);
    }

    /**
     * {@code text} cut to at most {@code maxChars}, never between the halves of a surrogate pair, and
     * then ending in {@link #TRUNCATION_MARKER}, so that whoever reads an output sees the value is not whole.
     */
    public static String truncate(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = maxChars - TRUNCATION_MARKER.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + TRUNCATION_MARKER;
    }

    private static Object value(RawEvent raw, String name) {
        return raw.props() == null ? null : raw.props().get(name);
    }

    private static Object required(RawEvent raw, String name) throws RawEventException {
        Object value = value(raw, name);
        if (value == null) {
            throw invalid(raw, "missing property '" + name + "'");
        }
        return value;
    }

    private static long integer(RawEvent raw, String name, Object value, long min, long max)
            throws RawEventException {
        if (value instanceof Long number && number >= min && number <= max) {
            return number;
        }
        String range;
        if (max != Long.MAX_VALUE) {
            range = " " + min + ".." + max;
        } else {
            range = min == Long.MIN_VALUE ? "" : " >= " + min;
        }
        throw invalid(raw, "property '" + name + "' must be an integer" + range + ", got " + shown(value));
    }

    private static String string(RawEvent raw, String name, Object value, int maxChars) throws RawEventException {
        if (value instanceof String text) {
            return truncate(text, maxChars);
        }
        throw invalid(raw, "property '" + name + "' must be a string, got " + shown(value));
    }

    private static boolean isDecimal(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character < '0' || character > '9') {
                return false;
            }
        }
        return true;
    }

    /** A value as it would read in JSON, cut short: strings quoted, lists bracketed. */
    private static String shown(Object value) {
        String text;
        if (value instanceof String string) {
            text = '"' + truncate(string, MAX_SHOWN_CHARS) + '"';
        } else if (value instanceof List<?> list) {
            text = "a list of " + list.size();
        } else {
            text = String.valueOf(value);
        }
        return truncate(text, MAX_SHOWN_CHARS + 2);
    }

    private static RawEventException invalid(RawEvent raw, String reason) {
        return new RawEventException(raw.provider() + " " + raw.id() + ": " + reason);
    }
}
