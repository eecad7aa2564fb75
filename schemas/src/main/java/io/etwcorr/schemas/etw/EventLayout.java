package io.etwcorr.schemas.etw;

import java.util.List;
import java.util.Objects;

/**
 * The payload of one (provider, event id, version): its properties in wire order. Bytes after the
 * last property are tolerated (a newer build may append fields under the same version).
 */
public record EventLayout(EtwProvider provider, int id, int version, List<EtwProperty> properties) {
    public EventLayout {
        Objects.requireNonNull(provider, "provider");
        properties = List.copyOf(properties);
    }

    /** The property names in wire order. */
    public List<String> propertyNames() {
        return properties.stream().map(EtwProperty::name).toList();
    }

    @Override
    public String toString() {
        return provider.providerName() + " " + id + " v" + version;
    }
}
