package io.etwcorr.cli.evaluation;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything the report states: the corpus, each implant's outcome, the false positives of both
 * detectors over {@code benignPairs} benign pairs, and how long each stage took.
 */
public record EvaluationResult(
        EvaluationPlan plan,
        int hosts,
        long events,
        long simulatedSeconds,
        List<ImplantOutcome> implants,
        int benignPairs,
        Map<String, Long> labelledBenignPairs,
        List<FalsePositive> ours,
        List<FalsePositive> rita,
        AlertVolume alertVolume,
        Timings timings) {

    public EvaluationResult {
        implants = List.copyOf(implants);
        ours = List.copyOf(ours);
        rita = List.copyOf(rita);
    }

    /**
     * How many alert records the (host, process, destination) triples got: all records, and the most
     * records and distinct event.ids (episodes) one triple got.
     */
    public record AlertVolume(int triples, int records, int maxRecordsPerTriple, int maxIdsPerTriple) {

        public static AlertVolume of(List<Alert> alerts) {
            Map<String, List<Alert>> byTriple = alerts.stream().collect(Collectors.groupingBy(Alert::triple));
            int maxRecords = byTriple.values().stream().mapToInt(List::size).max().orElse(0);
            int maxIds = byTriple.values().stream()
                    .mapToInt(records -> (int) records.stream().map(Alert::eventId).distinct().count()).max().orElse(0);
            return new AlertVolume(byTriple.size(), alerts.size(), maxRecords, maxIds);
        }
    }

    /** Wall-clock seconds per stage. */
    public record Timings(double generateS, double analyzeS, double scoreS) {
        public double totalS() {
            return generateS + analyzeS + scoreS;
        }
    }
}
