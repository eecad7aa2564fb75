package io.etwcorr.schemas.out;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A process as every output record names it (outputs.md, "Identity of a process"): {@code name}
 * and {@code executable} are null when unknown and then left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessRef(long pid, @JsonProperty("entity_id") String entityId, String name, String executable) {
}
