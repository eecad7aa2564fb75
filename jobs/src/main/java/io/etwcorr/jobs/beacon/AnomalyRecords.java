package io.etwcorr.jobs.beacon;

import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.LineageProcess;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.schemas.out.AnomalyRecord;
import io.etwcorr.schemas.out.EcsTime;
import io.etwcorr.schemas.out.EventField;
import io.etwcorr.schemas.out.HostField;
import io.etwcorr.schemas.out.OutputJson;
import io.etwcorr.schemas.out.ProcessRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds the etw.anomalies record (docs/contract/outputs.md) of a beacon candidate whose lineage is resolved. */
public final class AnomalyRecords {
    static final String COMMAND_AND_CONTROL = "T1071";
    static final String DNS_COMMAND_AND_CONTROL = "T1071.004";
    static final String PROCESS_INJECTION = "T1055";
    private static final String INJECTED = "injected";

    private AnomalyRecords() {}

    /**
     * The alert, keyed by its episode id (a compacted topic or a SIEM upsert keeps one record per
     * episode) and timed at the candidate's last callback.
     */
    public static OutputRecord anomaly(BeaconCandidate candidate) {
        LineageProcess[] lineage = candidate.lineage;
        LineageProcess alerting = lineage[lineage.length - 1];
        LineageProcess patientZero = lineage[candidate.patientZeroIndex];
        LineageProcess parent = candidate.parent;
        AnomalyRecord record = new AnomalyRecord(
                EcsTime.format(candidate.lastSeen),
                EventField.networkAlert(candidate.episodeId, candidate.action, EcsTime.format(candidate.firstSeen),
                        EcsTime.format(candidate.lastSeen)),
                new AnomalyRecord.Rule("beacon"),
                new HostField(candidate.host),
                new AnomalyRecord.AlertProcess(ref(alerting), alerting.commandLine,
                        parent == null ? null : new ProcessRef(parent.pid, parent.entityId, parent.name, null)),
                new AnomalyRecord.Destination(candidate.ip, candidate.port < 0 ? null : candidate.port, candidate.domain,
                        candidate.domain == null ? null : Domains.registrable(candidate.domain)),
                beacon(candidate),
                new AnomalyRecord.PatientZero(ref(patientZero), candidate.patientZeroReason),
                Arrays.stream(lineage)
                        .map(link -> new AnomalyRecord.LineageEntry(ref(link), link.edge))
                        .toArray(AnomalyRecord.LineageEntry[]::new),
                threat(candidate));
        return new OutputRecord(candidate.episodeId, candidate.lastSeen, OutputJson.toJson(record));
    }

    private static AnomalyRecord.Beacon beacon(BeaconCandidate candidate) {
        // The schema requires the medians; a detector that saw no payload reports -1.
        return new AnomalyRecord.Beacon(candidate.intervalSeconds, candidate.jitter, candidate.callbacks,
                candidate.score, EcsTime.format(candidate.firstSeen), EcsTime.format(candidate.lastSeen),
                Math.max(0, candidate.bytesOutMedian), Math.max(0, candidate.bytesInMedian),
                candidate.hostsContactingDestination, candidate.instances > 0 ? candidate.instances : null);
    }

    /** MITRE ATT&CK: application-layer C2, over DNS when no address was contacted, and injection when the chain shows one. */
    private static AnomalyRecord.Threat threat(BeaconCandidate candidate) {
        AnomalyRecord.Threat commandAndControl = AnomalyRecord.Threat.commandAndControl();
        List<String> techniques = new ArrayList<>(List.of(COMMAND_AND_CONTROL));
        if (candidate.ip == null) {
            techniques.add(DNS_COMMAND_AND_CONTROL);
        }
        if (Arrays.stream(candidate.lineage).anyMatch(link -> INJECTED.equals(link.edge))) {
            techniques.add(PROCESS_INJECTION);
        }
        return new AnomalyRecord.Threat(commandAndControl.framework(), commandAndControl.tactic(),
                new AnomalyRecord.Technique(techniques.toArray(String[]::new)));
    }

    private static ProcessRef ref(LineageProcess process) {
        return new ProcessRef(process.pid, process.entityId, process.name, process.executable);
    }
}
