package io.etwcorr.testkit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The key paths an example config file writes out and those of a config model, for the tests that
 * keep `etc/etwcorr.example.yaml` and `deploy/windows/collector.yaml` listing every key.
 */
public final class ConfigKeys {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigKeys() {}

    /** The key paths written in {@code file}, e.g. {@code beacon.weights.regularity}. */
    public static List<String> written(Path file) {
        try {
            return paths(YAML.readTree(file.toFile()), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key paths of {@code config} as the loader binds them. */
    public static List<String> of(Object config) {
        return paths(YAML.valueToTree(config), "");
    }

    /** Leaves and empty mappings (maps such as Kafka client properties, empty by default) are keys. */
    private static List<String> paths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        node.fields().forEachRemaining(entry -> {
            String path = prefix + entry.getKey();
            JsonNode value = entry.getValue();
            paths.addAll(value.isObject() && !value.isEmpty() ? paths(value, path + ".") : List.of(path));
        });
        return paths;
    }
}
