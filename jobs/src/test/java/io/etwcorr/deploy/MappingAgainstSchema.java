package io.etwcorr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares an Elasticsearch/OpenSearch mapping with a record's JSON Schema: every mapped field must be
 * a property of the schema, of a JSON type the mapping type can index. Lists the mismatches.
 */
final class MappingAgainstSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The JSON types each mapping type indexes; arrays of them too (Elasticsearch fields are multi-valued). */
    private static final Map<String, Set<String>> INDEXES = Map.of(
            "keyword", Set.of("string"),
            "wildcard", Set.of("string"),
            "ip", Set.of("string"),
            "date", Set.of("string"),
            "date_nanos", Set.of("string"),
            "long", Set.of("integer"),
            "double", Set.of("number", "integer"));

    private final JsonNode schemaRoot;
    private final List<String> mismatches = new ArrayList<>();

    private MappingAgainstSchema(JsonNode schemaRoot) {
        this.schemaRoot = schemaRoot;
    }

    static List<String> mismatches(JsonNode mappingProperties, JsonNode schema) {
        MappingAgainstSchema comparison = new MappingAgainstSchema(schema);
        comparison.compareObject("", mappingProperties, comparison.resolve(schema));
        return comparison.mismatches;
    }

    private void compareObject(String path, JsonNode mappingProperties, ObjectNode schemaObject) {
        mappingProperties.fields().forEachRemaining(field -> {
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode schemaField = schemaObject.path("properties").get(field.getKey());
            if (schemaField == null) {
                mismatches.add(fieldPath + ": mapped, but not in the schema");
            } else {
                compareField(fieldPath, field.getValue(), resolve(schemaField));
            }
        });
    }

    private void compareField(String path, JsonNode mapping, ObjectNode schemaField) {
        String mappingType = mapping.path("type").asText("object");
        String jsonType = jsonType(schemaField);
        if (mappingType.equals("nested")) {
            if (!jsonType.equals("array")) {
                mismatches.add(path + ": nested, but the schema has " + jsonType);
                return;
            }
            compareObject(path, mapping.path("properties"), resolve(schemaField.path("items")));
        } else if (mappingType.equals("object")) {
            if (!jsonType.equals("object")) {
                mismatches.add(path + ": an object, but the schema has " + jsonType);
                return;
            }
            compareObject(path, mapping.path("properties"), schemaField);
        } else {
            String valueType = jsonType.equals("array") ? jsonType(resolve(schemaField.path("items"))) : jsonType;
            if (!INDEXES.getOrDefault(mappingType, Set.of()).contains(valueType)) {
                mismatches.add(path + ": " + mappingType + " cannot index the schema's " + valueType);
            }
        }
    }

    /** The node with its $ref and allOf parts merged in: type, items, const, enum and all properties. */
    private ObjectNode resolve(JsonNode node) {
        ObjectNode merged = JSON.createObjectNode();
        merged.putObject("properties");
        collect(node, merged);
        return merged;
    }

    private void collect(JsonNode node, ObjectNode merged) {
        if (node.has("$ref")) {
            collect(schemaRoot.at(node.get("$ref").asText().substring(1)), merged);
        }
        node.path("allOf").forEach(part -> collect(part, merged));
        node.path("properties").fields().forEachRemaining(
                property -> ((ObjectNode) merged.get("properties")).set(property.getKey(), property.getValue()));
        for (String key : List.of("type", "items", "const", "enum")) {
            if (node.has(key)) {
                merged.set(key, node.get(key));
            }
        }
    }

    private static String jsonType(ObjectNode field) {
        if (field.has("type")) {
            return field.get("type").asText();
        }
        if (field.has("const") || field.has("enum")) {
            JsonNode value = field.has("const") ? field.get("const") : field.get("enum").get(0);
            return value.isTextual() ? "string" : value.isIntegralNumber() ? "integer" : "number";
        }
        return field.get("properties").isEmpty() ? "unknown" : "object";
    }
}
