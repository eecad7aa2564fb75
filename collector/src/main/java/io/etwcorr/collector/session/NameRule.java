package io.etwcorr.collector.session;

import java.util.List;

/**
 * Include and exclude patterns over one attribute of an event. Events without the attribute pass,
 * so a rule about images, say, never drops network events.
 */
record NameRule(List<NamePattern> include, List<NamePattern> exclude) {
    static final NameRule ALLOW_ALL = new NameRule(List.of(), List.of());

    NameRule {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** Whether any of {@code names} (e.g. a full path and its file name) is allowed; true when there are none. */
    boolean allows(String... names) {
        if (names.length == 0) {
            return true;
        }
        for (String name : names) {
            if (exclude.stream().anyMatch(pattern -> pattern.matches(name))) {
                return false;
            }
        }
        if (include.isEmpty()) {
            return true;
        }
        for (String name : names) {
            if (include.stream().anyMatch(pattern -> pattern.matches(name))) {
                return true;
            }
        }
        return false;
    }
}
