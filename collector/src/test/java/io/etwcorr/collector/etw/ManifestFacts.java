package io.etwcorr.collector.etw;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hand-written manifest facts of {@code etw/manifest-facts.txt}, one {@link Event} per
 * (provider, id, version). Read independently of the ETW catalog, so the catalog can be checked
 * against them.
 */
final class ManifestFacts {
    static final String RESOURCE = "/etw/manifest-facts.txt";
    private static final Pattern EVENT = Pattern.compile("([\\d,]+) v(\\d+) since (\\S+) \\[([^]]+)] : (.+)");

    /** One manifest field: name, inType without the {@code win:} prefix, and the contract's reading or null. */
    record Field(String name, String inType, String reading) {
        @Override
        public String toString() {
            return name + ":" + inType + (reading == null ? "" : "/" + reading);
        }
    }

    /** One (provider, id, version) with its fields in wire order, the first build that has it and its sources. */
    record Event(String providerName, UUID provider, int id, int version, String since, String sources, List<Field> fields) {
        @Override
        public String toString() {
            return providerName + " " + id + " v" + version;
        }
    }

    private ManifestFacts() {
    }

    static List<Event> all() {
        try (InputStream in = ManifestFacts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Event> parse(List<String> lines) {
        List<Event> events = new ArrayList<>();
        String providerName = null;
        UUID provider = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("provider ")) {
                String[] parts = line.split(" ");
                providerName = parts[1];
                provider = UUID.fromString(parts[2]);
                continue;
            }
            Matcher event = EVENT.matcher(line);
            if (!event.matches() || provider == null) {
                throw new IllegalArgumentException(RESOURCE + " line " + (i + 1) + " is no event line: " + line);
            }
            List<Field> fields = new ArrayList<>();
            for (String field : event.group(5).split(" ")) {
                String[] nameAndType = field.split(":");
                String[] typeAndReading = nameAndType[1].split("/");
                fields.add(new Field(nameAndType[0], typeAndReading[0], typeAndReading.length > 1 ? typeAndReading[1] : null));
            }
            for (String id : event.group(1).split(",")) {
                events.add(new Event(providerName, provider, Integer.parseInt(id), Integer.parseInt(event.group(2)),
                        event.group(3), event.group(4), List.copyOf(fields)));
            }
        }
        return events;
    }
}
