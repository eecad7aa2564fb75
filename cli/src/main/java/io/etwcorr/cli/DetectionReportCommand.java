package io.etwcorr.cli;

import io.etwcorr.simulator.GridOptions;
import io.etwcorr.cli.evaluation.DetectionEvaluation;
import io.etwcorr.cli.evaluation.DetectionReport;
import io.etwcorr.cli.evaluation.EvaluationPlan;
import io.etwcorr.cli.evaluation.EvaluationResult;
import io.etwcorr.cli.evaluation.RunInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code etwcorr detection-report}: generates a labelled corpus, runs the job graph over it, scores
 * our alerts and RITA v5's beacon score against the ground truth and writes the markdown report.
 */
@Command(name = "detection-report", mixinStandardHelpOptions = true,
        description = {"Evaluate detection on a seeded simulated corpus (ours vs RITA v5's beacon score) into a markdown report.",
                "Writes --out (a new file); --update-docs replaces the committed docs/DETECTION.md instead."})
public final class DetectionReportCommand implements Callable<Integer> {
    static final int DEFAULT_CELLS = 96;
    static final int QUICK_CELLS = 12;

    @Spec
    CommandSpec spec;

    @Option(names = "--cells", paramLabel = "N", description = "Grid cells (implants) to sample; default " + DEFAULT_CELLS + ", "
            + QUICK_CELLS + " with --quick.")
    Integer cells;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the corpus (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The committed report, written only when asked for by name. */
    static final Path DOCS_REPORT = Path.of("docs", "DETECTION.md");

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "detection-report.md",
            description = "Report file, which must not exist yet (default: ${DEFAULT-VALUE} in the current directory).")
    Path out;

    @Option(names = "--update-docs", description = "Replace docs/DETECTION.md (run from the repository root) instead of writing --out.")
    boolean updateDocs;

    @Option(names = "--quick", description = "A smoke run of " + QUICK_CELLS + " cells.")
    boolean quick;

    @Option(names = "--coalesce", description = "Evaluate on what the collectors send with coalesced transfers on "
            + "(one record per connection per burst window) instead of every send and receive.")
    boolean coalesce;

    @Override
    public Integer call() throws Exception {
        Path target = target();
        PrintWriter console = spec.commandLine().getOut();
        int cellCount = cells != null ? cells : quick ? QUICK_CELLS : DEFAULT_CELLS;
        EvaluationPlan plan = new EvaluationPlan(seed, cellCount, GridOptions.defaults(), coalesce);
        EvaluationResult result = DetectionEvaluation.run(plan, stage -> {
            console.println("detection-report: " + stage);
            console.flush();
        });
        String command = "./etwcorr detection-report --cells " + cellCount + " --seed " + seed
                + (coalesce ? " --coalesce" : "") + (updateDocs ? " --update-docs" : "");
        String markdown = DetectionReport.markdown(result, RunInfo.here(gitCommit(), command));
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Files.writeString(target, markdown + handWrittenPart(target), StandardCharsets.UTF_8);
        console.printf("detection-report: wrote %s (%.0f s)%n", target, result.timings().totalS());
        return 0;
    }

    /** Where the report goes, checked before the run (minutes) rather than after it. */
    Path target() {
        if (updateDocs) {
            if (!Files.isRegularFile(DOCS_REPORT)) {
                throw new IllegalArgumentException("--update-docs replaces " + DOCS_REPORT
                        + ", which is not here: run it from the repository root");
            }
            return DOCS_REPORT;
        }
        if (Files.exists(out)) {
            throw new IllegalArgumentException("--out " + out + " exists; give a new file, or --update-docs to replace "
                    + DOCS_REPORT);
        }
        return out;
    }

    /** Sections after this line of the report are written by hand (real recordings) and kept on regeneration. */
    static final String HAND_WRITTEN_MARKER = "<!-- written by hand from here on: detection-report keeps it -->";

    /** The hand-written end of the existing report, from its marker line, or "" when it has none. */
    static String handWrittenPart(Path report) throws IOException {
        if (!Files.isReadable(report)) {
            return "";
        }
        String existing = Files.readString(report, StandardCharsets.UTF_8);
        int marker = existing.indexOf(HAND_WRITTEN_MARKER);
        return marker < 0 ? "" : "\n" + existing.substring(marker);
    }

    /** The short hash of HEAD when run inside a git checkout, else "unknown". */
    static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String hash = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            boolean done = git.waitFor(10, TimeUnit.SECONDS);
            return done && git.exitValue() == 0 && !hash.isEmpty() ? hash : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
