package io.etwcorr.schemas.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Kafka client properties (of the collector and the jobs) as they may be logged or printed: values of keys that can hold a secret
 * (passwords, JAAS configs with credentials, private keys, tokens) replaced by {@value #REDACTED}.
 * Decided by the key, not the value, so a secret inlined anywhere a secret belongs never leaks.
 */
public final class SecretProperties {
    public static final String REDACTED = "[redacted]";

    /** Parts of a dotted key that mark its value as secret, e.g. ssl.key.password, sasl.jaas.config, ssl.keystore.key. */
    private static final String[] SECRET_WORDS = {"password", "secret", "jaas", "token", "credential"};

    private SecretProperties() {}

    /** A copy of {@code properties} in the same order, secret values redacted. */
    public static Map<String, String> redacted(Map<String, String> properties) {
        Map<String, String> copy = new LinkedHashMap<>();
        properties.forEach((key, value) -> copy.put(key, isSecret(key) ? REDACTED : value));
        return copy;
    }

    /** True when the value of {@code key} may be a secret. */
    public static boolean isSecret(String key) {
        return Arrays.stream(key.toLowerCase(Locale.ROOT).split("[.\\-_]"))
                .anyMatch(part -> part.equals("key") || Arrays.stream(SECRET_WORDS).anyMatch(part::contains));
    }
}
