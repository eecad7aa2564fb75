package io.etwcorr.cli.evaluation;

import io.etwcorr.simulator.GroundTruth;
import io.etwcorr.simulator.ImplantInstance;
import io.etwcorr.simulator.ImplantTruth;
import io.etwcorr.simulator.LineageEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Matches alerts with the ground truth: which implants were found, and which alerts are false positives. */
public final class AlertMatcher {
    private AlertMatcher() {
    }

    /** Per implant (by its index), what was found; plus the alerts that match no implant. */
    public record Matching(Map<Integer, ImplantDetection> implants, List<Alert> falsePositives) {
    }

    public static Matching match(GroundTruth truth, List<Alert> alerts) {
        Map<Integer, ImplantDetection> implants = new LinkedHashMap<>();
        for (ImplantTruth implant : truth.implants()) {
            implants.put(implant.implant(), firstAlert(implant, alerts).map(alert -> detection(implant, alert))
                    .orElse(ImplantDetection.MISSED));
        }
        List<Alert> falsePositives = new ArrayList<>();
        for (Alert alert : alerts) {
            if (truth.implants().stream().noneMatch(implant -> names(alert, implant))) {
                falsePositives.add(alert);
            }
        }
        return new Matching(implants, falsePositives);
    }

    /** Whether the alert names the implant's process (for a task or loop: any of its instances) and its C2 destination. */
    static boolean names(Alert alert, ImplantTruth implant) {
        return implant.process(alert.entityId()).isPresent() && Pair.sameDestination(implant.destination(), alert.destination());
    }

    private static Optional<Alert> firstAlert(ImplantTruth implant, List<Alert> alerts) {
        return alerts.stream().filter(alert -> names(alert, implant)).min(Comparator.comparingLong(Alert::lastSeenMicros));
    }

    private static ImplantDetection detection(ImplantTruth implant, Alert alert) {
        // Ground-truth callbacks rather than the alert's own count: the detector may merge or miss some.
        int callbacks = (int) implant.callbackMicros().stream().filter(micros -> micros <= alert.lastSeenMicros()).count();
        ImplantInstance named = implant.process(alert.entityId()).orElseThrow();
        List<String> expectedLineage = named.lineage().stream().map(LineageEntry::entityId).toList();
        return new ImplantDetection(true, callbacks, expectedLineage.equals(alert.lineageEntityIds()),
                named.patientZero().entityId().equals(alert.patientZeroEntityId()));
    }
}
