package io.etwcorr.schemas.etw;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one table of the ETW events the jobs correlate: every (provider, event id, version) with its
 * payload layout. The collector decodes by it, the job's normalizer and the simulator name ids and
 * properties by the constants of {@link KernelProcess}, {@link KernelNetwork} and {@link DnsClient}.
 */
public final class EtwCatalog {
    /** The provider name of the collector's own records (heartbeats), which no ETW provider writes. */
    public static final String COLLECTOR_PROVIDER = "EtwCorrelation-Collector";

    private static final Map<Key, EventLayout> LAYOUTS = index();
    /** {@code values()} copies its array on every call; this lookup runs once per event. */
    private static final EtwProvider[] PROVIDERS = EtwProvider.values();

    private EtwCatalog() {
    }

    /** Every layout: Kernel-Process, Kernel-Network, then DNS-Client. */
    public static Collection<EventLayout> layouts() {
        return LAYOUTS.values();
    }

    /** The layout of this event, or null when the catalog does not hold it. */
    public static EventLayout find(UUID provider, int id, int version) {
        return LAYOUTS.get(new Key(provider, id, version));
    }

    /** The provider registered under {@code name} (any case) or with GUID text {@code guid}, or null. */
    public static EtwProvider provider(String name, String guid) {
        for (EtwProvider provider : PROVIDERS) {
            if (provider.providerName().equalsIgnoreCase(name) || provider.guidText().equalsIgnoreCase(guid)) {
                return provider;
            }
        }
        return null;
    }

    private static Map<Key, EventLayout> index() {
        List<EventLayout> all = new ArrayList<>();
        all.addAll(KernelProcess.layouts());
        all.addAll(KernelNetwork.layouts());
        all.addAll(DnsClient.layouts());
        Map<Key, EventLayout> index = new LinkedHashMap<>();
        for (EventLayout layout : all) {
            if (index.put(new Key(layout.provider().guid(), layout.id(), layout.version()), layout) != null) {
                throw new IllegalStateException("two layouts of " + layout);
            }
        }
        return Collections.unmodifiableMap(index);
    }

    private record Key(UUID provider, int id, int version) {
    }
}
