package io.etwcorr.jobs.normalize.sysmon;

import io.etwcorr.schemas.raw.RawEventException;
import java.util.Locale;
import java.util.Map;

/** Reads Sysmon's event data fields, which every shape carries as text, with reasons that name them. */
final class SysmonFields {
    private static final int MAX_SHOWN_CHARS = 80;

    private final int eventId;
    private final Map<String, String> data;

    SysmonFields(SysmonRecord record) {
        this.eventId = record.eventId();
        this.data = record.data();
    }

    /** The field, or null when it is absent, empty or Sysmon's {@code -} for "none". */
    String optional(String name) {
        String value = data.get(name);
        return value == null || value.isEmpty() || value.equals("-") ? null : value;
    }

    String required(String name) throws RawEventException {
        String value = optional(name);
        if (value == null) {
            throw invalid("has no " + name);
        }
        return value;
    }

    /** A required integer field in [0, max]; Sysmon writes them decimal, some exports in hex ({@code 0x1c}). */
    long integer(String name, long max) throws RawEventException {
        String text = required(name).trim();
        try {
            long value = text.startsWith("0x") || text.startsWith("0X")
                    ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name + " must be an integer 0.." + max + ", got '" + shown(text) + "'");
    }

    /** A GUID field ({@code {5770385f-...}}) lower case, without braces. */
    String guid(String name) throws RawEventException {
        String text = required(name).trim();
        String bare = text.startsWith("{") && text.endsWith("}") ? text.substring(1, text.length() - 1) : text;
        if (bare.length() != 36 || bare.charAt(8) != '-' || bare.charAt(13) != '-' || bare.charAt(18) != '-'
                || bare.charAt(23) != '-') {
            throw invalid(name + " must be a GUID, got '" + shown(text) + "'");
        }
        for (int i = 0; i < bare.length(); i++) {
            if (bare.charAt(i) != '-' && Character.digit(bare.charAt(i), 16) < 0) {
                throw invalid(name + " must be a GUID, got '" + shown(text) + "'");
            }
        }
        return bare.toLowerCase(Locale.ROOT);
    }

    /** {@code true}/{@code false} as Sysmon writes booleans. */
    boolean bool(String name) throws RawEventException {
        String text = required(name).trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(name + " must be true or false, got '" + shown(text) + "'");
    }

    RawEventException invalid(String what) {
        return new RawEventException("Sysmon event " + eventId + " " + what);
    }

    static String shown(String text) {
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "\u2026";
    }
}
