package io.etwcorr.collector.etw;

import io.etwcorr.schemas.etw.EtwCatalog;
import io.etwcorr.schemas.etw.EventLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The decoders of the correlated events, one {@link LayoutDecoder} per layout of the ETW catalog,
 * by (provider, id, version). Events it does not know are left to the generic TDH decoder.
 * Immutable and thread-safe.
 */
public final class ManifestDecoders {
    private final Map<EventKey, PayloadDecoder> decoders;

    private ManifestDecoders(Map<EventKey, PayloadDecoder> decoders) {
        this.decoders = Map.copyOf(decoders);
    }

    /** Every layout of {@link EtwCatalog}: Kernel-Process, Kernel-Network and DNS-Client. */
    public static ManifestDecoders standard() {
        Map<EventKey, PayloadDecoder> all = new HashMap<>();
        for (EventLayout layout : EtwCatalog.layouts()) {
            all.put(new EventKey(layout.provider().guid(), layout.id(), layout.version()), new LayoutDecoder(layout));
        }
        return new ManifestDecoders(all);
    }

    /** The decoder of this event layout, or null when it is not one of ours. */
    public PayloadDecoder find(UUID provider, int id, int version) {
        return decoders.get(new EventKey(provider, id, version));
    }

    /** The event's props, or null when its layout is not one of ours. */
    public Map<String, Object> decode(UUID provider, int id, int version, PayloadReader payload)
            throws PayloadException {
        PayloadDecoder decoder = find(provider, id, version);
        return decoder == null ? null : decoder.decode(payload);
    }

    /** Every layout this registry decodes. */
    public Set<EventKey> keys() {
        return decoders.keySet();
    }
}
