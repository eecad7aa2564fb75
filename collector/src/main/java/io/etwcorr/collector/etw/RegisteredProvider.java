package io.etwcorr.collector.etw;

import java.util.Objects;
import java.util.UUID;

/**
 * A provider registered on the host, as TdhEnumerateProviders lists it.
 *
 * @param guid its GUID
 * @param name its registered name, never blank
 * @param classic whether it is a classic (WMI MOF) provider: ETW lets only one session at a time enable those
 */
public record RegisteredProvider(UUID guid, String name, boolean classic) {
    public RegisteredProvider {
        Objects.requireNonNull(guid, "guid");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("provider " + guid + " needs a name");
        }
    }
}
