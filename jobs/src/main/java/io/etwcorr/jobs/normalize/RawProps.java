package io.etwcorr.jobs.normalize;

import io.etwcorr.schemas.raw.RawEventException;
import java.util.List;

/**
 * Reads the props of a raw record ({@link RawEventView}) by manifest name, checked against the contract's types.
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

    /** The integer prop, which must lie in {@code [min, max]}. */
    static long integer(RawEventView raw, EventProp prop, long min, long max) throws RawEventException {
        if (raw.isInteger(prop)) {
            long number = raw.integer(prop);
            if (number >= min && number <= max) {
                return number;
            }
        }
        throw notAnInteger(raw, prop, required(raw, prop), min, max);
    }

    /** The integer prop in {@code [min, max]}, or -1 when absent. */
    static long optionalInteger(RawEventView raw, EventProp prop, long min, long max) throws RawEventException {
        if (raw.isInteger(prop)) {
            long number = raw.integer(prop);
            if (number >= min && number <= max) {
                return number;
            }
        }
        Object value = raw.value(prop);
        if (value == null) {
            return -1;
        }
        throw notAnInteger(raw, prop, value, min, max);
    }

    /**
     * The unsigned 64-bit prop as its bit pattern, or -1 when absent. The contract writes values above
     * 2^63-1 as decimal strings. 2^64-1 reads as -1 too: sequence numbers and kernel addresses never
     * take that value.
     */
    static long optionalUnsigned64(RawEventView raw, EventProp prop) throws RawEventException {
        if (raw.isInteger(prop) && raw.integer(prop) >= 0) {
            return raw.integer(prop);
        }
        String digits = raw.string(prop);
        if (digits != null && isDecimal(digits)) {
            try {
                return Long.parseUnsignedLong(digits);
            } catch (NumberFormatException aboveRange) {
                // reported below
            }
        }
        Object value = raw.value(prop);
        if (value == null) {
            return -1;
        }
        throw invalid(raw, "property '" + prop.manifestName + "' must be an unsigned 64-bit integer, got " + shown(value));
    }

    /** The string prop, truncated to {@code maxChars}. */
    static String string(RawEventView raw, EventProp prop, int maxChars) throws RawEventException {
        String text = raw.string(prop);
        if (text != null) {
            return truncate(text, maxChars);
        }
        throw notAString(raw, prop, required(raw, prop));
    }

    /** The string prop truncated to {@code maxChars}, or null when absent. */
    static String optionalString(RawEventView raw, EventProp prop, int maxChars) throws RawEventException {
        String text = raw.string(prop);
        if (text != null) {
            return truncate(text, maxChars);
        }
        Object value = raw.value(prop);
        if (value == null) {
            return null;
        }
        throw notAString(raw, prop, value);
    }

    /** The IP address prop in canonical text. */
    static String ipAddress(RawEventView raw, EventProp prop) throws RawEventException {
        String text = raw.string(prop);
        String canonical = text != null ? IpAddresses.canonical(text) : null;
        if (canonical == null) {
            throw invalid(raw, "'" + prop.manifestName + "' is not an IP address: " + shown(required(raw, prop)));
        }
        return canonical;
    }

    /** The string enrichment {@code key} truncated to {@code maxChars}; best effort, so never an error. */
    static String enrichment(RawEventView raw, String key, int maxChars) {
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

    private static Object required(RawEventView raw, EventProp prop) throws RawEventException {
        Object value = raw.value(prop);
        if (value == null) {
            throw invalid(raw, "missing property '" + prop.manifestName + "'");
        }
        return value;
    }

    /** The reason of an integer prop {@code value} that is not one, or outside {@code [min, max]}. */
    private static RawEventException notAnInteger(RawEventView raw, EventProp prop, Object value, long min, long max) {
        String range;
        if (max != Long.MAX_VALUE) {
            range = " " + min + ".." + max;
        } else {
            range = min == Long.MIN_VALUE ? "" : " >= " + min;
        }
        return invalid(raw, "property '" + prop.manifestName + "' must be an integer" + range + ", got " + shown(value));
    }

    private static RawEventException notAString(RawEventView raw, EventProp prop, Object value) {
        return invalid(raw, "property '" + prop.manifestName + "' must be a string, got " + shown(value));
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

    static RawEventException invalid(RawEventView raw, String reason) {
        return new RawEventException(raw.envelope().provider() + " " + raw.envelope().id() + ": " + reason);
    }
}
