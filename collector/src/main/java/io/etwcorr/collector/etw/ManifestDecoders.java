package io.etwcorr.collector.etw;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The hand-written decoders of the correlated events, by (provider, id, version). Events it does
 * not know are left to the generic TDH decoder. Immutable and thread-safe.
 */
public final class ManifestDecoders {
    private final Map<EventKey, PayloadDecoder> decoders;

    private ManifestDecoders(Map<EventKey, PayloadDecoder> decoders) {
        this.decoders = Map.copyOf(decoders);
    }

    /** Kernel-Process, Kernel-Network and DNS-Client, every layout of etw-layouts.md. */
    public static ManifestDecoders standard() {
        Map<EventKey, PayloadDecoder> all = new HashMap<>();
        all.putAll(KernelProcessDecoder.decoders());
        all.putAll(KernelNetworkDecoder.decoders());
        all.putAll(DnsClientDecoder.decoders());
        return new ManifestDecoders(all);
    }

    /** The decoder of this event layout, or null when it is not one of ours. */
    public PayloadDecoder find(UUID provider, int id, int version) {
        return decoders.get(new EventKey(provider, id, version));
    }

    /** The event's props, or null when its layout is not one of ours. */
    public LinkedHashMap<String, Object> decode(UUID provider, int id, int version, PayloadReader payload)
            throws PayloadException {
        PayloadDecoder decoder = find(provider, id, version);
        return decoder == null ? null : decoder.decode(payload);
    }

    /** Every layout this registry decodes. */
    public Set<EventKey> keys() {
        return decoders.keySet();
    }
}
