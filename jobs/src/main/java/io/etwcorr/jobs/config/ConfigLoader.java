package io.etwcorr.jobs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@link EtwcorrConfig} from a YAML file, then applies {@code path.to.key=value} overrides
 * from the command line (e.g. {@code kafka.bootstrapServers=broker:9092}). Unknown keys are errors:
 * a typo in a config file must not silently fall back to a default.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final String CLIENT_PROPERTIES = "properties";

    private ConfigLoader() {}

    public static EtwcorrConfig load(Path file, List<String> overrides) {
        ObjectNode tree;
        try {
            tree = file == null ? YAML.createObjectNode() : readTree(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config " + file + ": " + IoErrors.reason(e), e);
        }
        for (String override : overrides) {
            apply(tree, override);
        }
        try {
            return YAML.treeToValue(tree, EtwcorrConfig.class);
        } catch (JsonProcessingException e) {
            String where = e instanceof JsonMappingException mapping ? " at " + path(mapping) : "";
            throw new IllegalArgumentException("invalid config" + (file == null ? "" : " " + file) + where + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    public static EtwcorrConfig defaults() {
        return load(null, List.of());
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static ObjectNode readTree(Path file) throws IOException {
        JsonNode node = YAML.readTree(Files.readString(file));
        if (node == null || node.isMissingNode() || node.isNull()) {
            return YAML.createObjectNode();
        }
        if (!node.isObject()) {
            throw new IOException("the top level must be a mapping");
        }
        return (ObjectNode) node;
    }

    /** Sets {@code a.b.c=value}; the value is bound by Jackson, so "4" fills an int field. */
    private static void apply(ObjectNode tree, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("override must be key=value, got '" + override + "'");
        }
        String[] path = override.substring(0, eq).trim().split("\\.");
        ObjectNode node = tree;
        int last = path.length - 1;
        for (int i = 0; i < last; i++) {
            JsonNode child = node.get(path[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(path[i]);
            if (path[i].equals(CLIENT_PROPERTIES)) {
                // Kafka client property names contain dots themselves: the rest of the path is one key.
                String key = String.join(".", Arrays.copyOfRange(path, i + 1, path.length));
                node.set(key, TextNode.valueOf(override.substring(eq + 1).trim()));
                return;
            }
        }
        node.set(path[last], TextNode.valueOf(override.substring(eq + 1).trim()));
    }
}
