package io.etwcorr.schemas.out;

import com.fasterxml.jackson.annotation.JsonInclude;

/** ECS {@code network}: {@code transport} ({@code tcp}/{@code udp}) and {@code direction} ({@code outbound}/{@code inbound}, null when unknown). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkField(String transport, String direction) {
}
