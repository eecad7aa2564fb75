package io.etwcorr.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Expected lineage and patient zero of a beaconing process, by the rules of docs/contract/outputs.md. */
final class ExpectedLineage {
    /** The contract's default boundary processes: session and service infrastructure. */
    static final Set<String> BOUNDARY = Set.of("explorer.exe", "services.exe", "svchost.exe", "wininit.exe", "winlogon.exe",
            "userinit.exe", "smss.exe", "csrss.exe", "system");

    private ExpectedLineage() {
    }

    /**
     * The lineage of {@code beacon}, whose known ancestry is {@code ancestry} (oldest first). With an
     * injector, the victim is reached through its injection edge instead of its own parents.
     */
    static List<LineageEntry> of(String host, List<SimProcess> ancestry, SimProcess injectedVictim) {
        List<LineageEntry> lineage = new ArrayList<>();
        for (SimProcess p : ancestry) {
            lineage.add(new LineageEntry(p.pid(), p.entityId(host), p.name(), lineage.isEmpty() ? LineageEntry.ROOT : LineageEntry.PARENT));
        }
        if (injectedVictim != null) {
            lineage.add(new LineageEntry(injectedVictim.pid(), injectedVictim.entityId(host), injectedVictim.name(), LineageEntry.INJECTED));
        }
        return lineage;
    }

    /**
     * Walking up from the alerting process (the last entry): the last process before the first
     * boundary; the oldest one when no boundary comes; the alerting process when its own
     * predecessor is a boundary or unknown.
     */
    static LineageEntry patientZero(List<LineageEntry> lineage) {
        LineageEntry candidate = lineage.get(lineage.size() - 1);
        for (int i = lineage.size() - 2; i >= 0; i--) {
            LineageEntry ancestor = lineage.get(i);
            if (BOUNDARY.contains(ancestor.name().toLowerCase(Locale.ROOT))) {
                return candidate;
            }
            candidate = ancestor;
        }
        return candidate;
    }
}
