package io.etwcorr.simulator;

import java.util.List;

/**
 * One of the short-lived processes a task or loop implant starts per callback, with the lineage and
 * patient zero an alert naming it must give.
 */
public record ImplantInstance(String entityId, int pid, List<LineageEntry> lineage, LineageEntry patientZero) {
    public ImplantInstance {
        lineage = List.copyOf(lineage);
    }
}
