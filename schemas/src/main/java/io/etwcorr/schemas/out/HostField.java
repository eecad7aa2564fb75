package io.etwcorr.schemas.out;

/** ECS {@code host}: the raw contract's host identifier. */
public record HostField(String name) {
}
