package io.etwcorr.collector.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** The host identifier of the records: the configured one, else the computer's DNS name. */
public final class HostName {
    private HostName() {}

    public static String of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String name;
        try {
            name = InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            name = System.getenv().getOrDefault("COMPUTERNAME", "unknown-host");
        }
        return sanitized(name);
    }

    /** The contract allows {@code [A-Za-z0-9._-]}, 1..255 characters. */
    static String sanitized(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "-").toUpperCase(Locale.ROOT);
        cleaned = cleaned.length() > 255 ? cleaned.substring(0, 255) : cleaned;
        return cleaned.isEmpty() ? "unknown-host" : cleaned;
    }
}
