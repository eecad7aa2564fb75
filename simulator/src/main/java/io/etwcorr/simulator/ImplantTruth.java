package io.etwcorr.simulator;

import java.util.List;
import java.util.Optional;

/**
 * What a detector should find for one implant.
 *
 * @param implant        index of the implant in {@link FleetSpec#implants()}
 * @param host           host name
 * @param entityId       entity id of the beaconing process, {@code <host>:s<ProcessSequenceNumber>}
 * @param pid            its PID
 * @param image          its file name
 * @param executable     its DOS path
 * @param destination    the C2 domain, or {@code ip:port} when the implant resolves nothing
 * @param addresses      the addresses the destination rotates over (only the first is used without a domain)
 * @param port           the C2 port (DNS_ONLY implants never connect to it)
 * @param lineage        expected lineage, root first
 * @param patientZero    expected patient zero
 * @param missedSlots    callback slots skipped
 * @param callbackMicros time of each callback's first event, µs since the Unix epoch
 * @param tradecraft     the implant's {@link Tradecraft} (STANDARD when absent from an older truth file)
 * @param instances      for a task or loop implant, every process that called back, oldest first (the
 *                       fields above name the latest); empty otherwise
 */
public record ImplantTruth(
        int implant,
        String host,
        String entityId,
        int pid,
        String image,
        String executable,
        String destination,
        List<String> addresses,
        int port,
        BeaconMode mode,
        Delivery delivery,
        double sleepS,
        double jitter,
        JitterKind jitterKind,
        double missedFraction,
        List<LineageEntry> lineage,
        LineageEntry patientZero,
        int missedSlots,
        List<Long> callbackMicros,
        Tradecraft tradecraft,
        List<ImplantInstance> instances) {

    public ImplantTruth {
        addresses = List.copyOf(addresses);
        lineage = List.copyOf(lineage);
        callbackMicros = List.copyOf(callbackMicros);
        tradecraft = tradecraft == null ? Tradecraft.STANDARD : tradecraft;
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    /** The process {@code entityId} as this implant's: itself, or one of its per-callback instances; empty when neither. */
    public Optional<ImplantInstance> process(String entityId) {
        if (this.entityId.equals(entityId)) {
            return Optional.of(new ImplantInstance(this.entityId, pid, lineage, patientZero));
        }
        return instances.stream().filter(instance -> instance.entityId().equals(entityId)).findFirst();
    }
}
