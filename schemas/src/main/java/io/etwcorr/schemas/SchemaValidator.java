package io.etwcorr.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates JSON text against the project's JSON Schemas (draft 2020-12). Meant for tests and
 * tools, not the hot path. The schemas are loaded once; thread-safe.
 */
public final class SchemaValidator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<SchemaId, JsonSchema> SCHEMAS = loadAll();

    private SchemaValidator() {
    }

    /** Human-readable violations of {@code json} against schema {@code id}, sorted; empty when valid. */
    public static List<String> validate(SchemaId id, String json) {
        JsonNode document;
        try {
            document = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("not valid JSON: " + e.getOriginalMessage());
        }
        if (document == null || document.isMissingNode()) {
            return List.of("not valid JSON: no content");
        }
        return SCHEMAS.get(id).validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static Map<SchemaId, JsonSchema> loadAll() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<SchemaId, JsonSchema> schemas = new EnumMap<>(SchemaId.class);
        for (SchemaId id : SchemaId.values()) {
            try (InputStream in = SchemaValidator.class.getResourceAsStream(id.fileName())) {
                if (in == null) {
                    throw new IllegalStateException("schema " + id.fileName() + " is not on the classpath");
                }
                schemas.put(id, factory.getSchema(MAPPER.readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + id.fileName(), e);
            }
        }
        return schemas;
    }
}
