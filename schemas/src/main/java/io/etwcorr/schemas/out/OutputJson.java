package io.etwcorr.schemas.out;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Serializes output records: compact JSON, fields in record-component order (deterministic, so
 * the same input gives byte-identical output), null fields left out. Thread-safe.
 */
public final class OutputJson {
    private static final ObjectWriter WRITER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build()
            .writer();

    private OutputJson() {
    }

    /** One record as a JSON line (without the line break). */
    public static String toJson(Object record) {
        try {
            return WRITER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + record.getClass().getName(), e);
        }
    }

    /** One record as UTF-8 JSON bytes, e.g. for a Kafka record value. */
    public static byte[] toJsonBytes(Object record) {
        try {
            return WRITER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + record.getClass().getName(), e);
        }
    }
}
