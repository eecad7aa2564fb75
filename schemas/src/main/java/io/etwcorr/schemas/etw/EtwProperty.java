package io.etwcorr.schemas.etw;

import java.util.Objects;

/** One payload property of an event layout: its manifest name and wire type. */
public record EtwProperty(String name, WireType type) {
    public EtwProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
