package io.etwcorr.cli.evaluation;

import io.etwcorr.cli.AnalyzeCommand;
import io.etwcorr.simulator.CorpusGrid;
import io.etwcorr.simulator.CorpusWriter;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.GroundTruth;
import io.etwcorr.simulator.ImplantSpec;
import io.etwcorr.simulator.ImplantTruth;
import io.etwcorr.jobs.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The detection evaluation: a seeded labelled corpus from the grid, the real job graph over it
 * ({@link AnalyzeCommand#analyze} with the default config), and both our alerts and RITA's beacon
 * score matched against the ground truth.
 */
public final class DetectionEvaluation {
    private DetectionEvaluation() {
    }

    /** Runs the evaluation in a temporary directory (removed afterwards), telling {@code progress} about each stage. */
    public static EvaluationResult run(EvaluationPlan plan, Consumer<String> progress) throws Exception {
        Path work = Files.createTempDirectory("etwcorr-detection");
        try {
            return run(plan, work, progress);
        } finally {
            deleteRecursively(work);
        }
    }

    /** The fleet of the plan: its grid cells, and the demo story on the last host, which the grid leaves clean. */
    public static FleetSpec fleet(EvaluationPlan plan) {
        FleetSpec grid = CorpusGrid.fleet(plan.seed(), CorpusGrid.sample(plan.seed(), plan.cells()), plan.options());
        List<ImplantSpec> implants = new ArrayList<>(grid.implants());
        implants.add(ImplantSpec.story(grid.hosts() - 1));
        return grid.withImplants(implants);
    }

    private static EvaluationResult run(EvaluationPlan plan, Path work, Consumer<String> progress) throws Exception {
        FleetSpec fleet = fleet(plan);
        progress.accept(String.format("generating: %d implants on %d hosts, %.1f simulated hours", fleet.implants().size(),
                fleet.hosts(), fleet.durationS() / 3600.0));
        long started = System.nanoTime();
        Path events = work.resolve("corpus.jsonl.gz");
        GroundTruth truth = CorpusWriter.write(fleet, events);
        double generateS = secondsSince(started);

        progress.accept(String.format("analyzing: %.0f MB of gzip events (generated in %.0f s)", Files.size(events) / 1e6, generateS));
        started = System.nanoTime();
        Path out = work.resolve("out");
        AnalyzeCommand.Summary summary = AnalyzeCommand.analyze(List.of(events), out, ConfigLoader.defaults());
        double analyzeS = secondsSince(started);

        progress.accept(String.format("scoring: %d records analyzed in %.0f s", summary.recordsIn(), analyzeS));
        started = System.nanoTime();
        AnalyzeOutputs outputs = AnalyzeOutputs.read(out);
        BenignPairs benign = BenignPairs.of(truth, outputs.connections());
        long fromS = truth.startMicros() / 1_000_000L;
        Map<Pair, RitaBeaconScore> rita = RitaBaseline.score(outputs, fromS, fromS + truth.durationS());
        AlertMatcher.Matching ours = AlertMatcher.match(truth, outputs.alerts());

        List<ImplantOutcome> implants = new ArrayList<>();
        for (ImplantTruth implant : truth.implants()) {
            RitaBeaconScore ritaScore = rita.getOrDefault(new Pair(implant.entityId(), implant.destination()),
                    RitaBeaconScore.NOT_SCORED);
            implants.add(new ImplantOutcome(implant, ours.implants().get(implant.implant()), ritaScore));
        }
        // Once per pair, however many alerts it got: the rate is over pairs.
        Map<Pair, Alert> alertedPairs = new LinkedHashMap<>();
        ours.falsePositives().forEach(alert -> alertedPairs.putIfAbsent(alert.pair(), alert));
        List<FalsePositive> ourFalsePositives = alertedPairs.values().stream()
                .map(alert -> falsePositive(benign, alert.pair(), alert.processName())).toList();
        Map<String, String> processNames = new HashMap<>();
        outputs.connections().forEach(connection -> processNames.put(connection.entityId(), connection.processName()));
        List<FalsePositive> ritaFalsePositives = rita.entrySet().stream()
                .filter(entry -> entry.getValue().isBeacon() && !BenignPairs.isImplant(truth, entry.getKey()))
                .map(entry -> falsePositive(benign, entry.getKey(), processNames.getOrDefault(entry.getKey().entityId(), "")))
                .toList();
        double scoreS = secondsSince(started);
        return new EvaluationResult(plan, truth.hosts(), summary.recordsIn(), truth.durationS(), implants, benign.count(),
                benign.labelledByCategory(), ourFalsePositives, ritaFalsePositives,
                EvaluationResult.AlertVolume.of(outputs.alerts()), new EvaluationResult.Timings(generateS, analyzeS, scoreS));
    }

    private static FalsePositive falsePositive(BenignPairs benign, Pair pair, String processName) {
        return new FalsePositive(pair, processName, benign.category(pair), benign.isFleetServiceDestination(pair));
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    /** Removes {@code dir} and everything in it; nothing when it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
