package io.etwcorr.cli.evaluation;

import java.util.List;
import java.util.Map;

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
        Timings timings) {

    public EvaluationResult {
        implants = List.copyOf(implants);
        ours = List.copyOf(ours);
        rita = List.copyOf(rita);
    }

    /** Wall-clock seconds per stage. */
    public record Timings(double generateS, double analyzeS, double scoreS) {
        public double totalS() {
            return generateS + analyzeS + scoreS;
        }
    }
}
