package io.etwcorr.collector.session;

import io.etwcorr.collector.etw.EtwConstants;
import io.etwcorr.schemas.etw.EtwProvider;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One provider to enable in the session.
 *
 * @param guid the provider's GUID
 * @param name its registered name (the envelope's {@code provider}, and the heartbeat's {@code providers})
 * @param level the highest TRACE_LEVEL_* to deliver
 * @param matchAnyKeyword keyword mask; 0 delivers every event
 * @param captureState whether to request the provider's rundown after enabling it
 */
public record ProviderSpec(UUID guid, String name, int level, long matchAnyKeyword, boolean captureState) {
    /** TRACE_LEVEL_VERBOSE: every level up to verbose. */
    public static final int LEVEL_VERBOSE = 5;
    /** Kernel-Process WINEVENT_KEYWORD_PROCESS | WINEVENT_KEYWORD_THREAD. */
    public static final long KERNEL_PROCESS_PROCESS_AND_THREAD = 0x10 | 0x20;
    /** Kernel-Network KERNEL_NETWORK_KEYWORD_IPV4 | KERNEL_NETWORK_KEYWORD_IPV6. */
    public static final long KERNEL_NETWORK_IPV4_AND_IPV6 = 0x10 | 0x20;

    public ProviderSpec {
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(name, "name");
        if (level < 0 || level > 255) {
            throw new IllegalArgumentException("level is a byte, not " + level);
        }
    }

    /**
     * The correlated providers: Kernel-Process processes and threads with a rundown of the running
     * processes (lineage of processes older than the collector), DNS-Client, Kernel-Network TCP/UDP.
     */
    public static List<ProviderSpec> defaults() {
        return List.of(
                of(EtwProvider.KERNEL_PROCESS, KERNEL_PROCESS_PROCESS_AND_THREAD, true),
                of(EtwProvider.DNS_CLIENT, 0, false),
                of(EtwProvider.KERNEL_NETWORK, KERNEL_NETWORK_IPV4_AND_IPV6, false));
    }

    /**
     * {@code ENABLE_TRACE_PARAMETERS.EnableProperty} for this provider: the process start key for
     * Kernel-Process, whose ProcessStart is logged by the creating process, so the key names the
     * parent across PID reuse on hosts whose ProcessStart has no ParentProcessSequenceNumber (before
     * Windows 10 1903); nothing for the others, whose extended data would only cost a read per event.
     */
    public int enableProperty() {
        return guid.equals(EtwProvider.KERNEL_PROCESS.guid()) ? EtwConstants.EVENT_ENABLE_PROPERTY_PROCESS_START_KEY : 0;
    }

    /** {@code provider} at verbose level. */
    public static ProviderSpec of(EtwProvider provider, long matchAnyKeyword, boolean captureState) {
        return new ProviderSpec(provider.guid(), provider.providerName(), LEVEL_VERBOSE, matchAnyKeyword, captureState);
    }
}
