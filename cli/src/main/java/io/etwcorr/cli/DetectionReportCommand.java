package io.etwcorr.cli;

import io.etwcorr.simulator.CorpusCases;
import io.etwcorr.simulator.GridOptions;
import io.etwcorr.cli.evaluation.CaseEvaluation;
import io.etwcorr.cli.evaluation.CaseReport;
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
import java.util.ArrayList;
import java.util.List;
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
                "Writes --out (a new file); --update-docs replaces the committed docs/DETECTION.md instead.",
                "--cases evaluates the hard cases (issue 15) instead of the grid: its section alone to --out, or replaced in "
                        + "docs/DETECTION.md with --update-docs."})
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

    @Option(names = "--quick", description = "A smoke run of " + QUICK_CELLS + " cells (with --cases: a prevalence fleet of "
            + QUICK_PREVALENCE_HOSTS + " hosts).")
    boolean quick;

    @Option(names = "--cases", description = "The hard cases instead of the grid: a 50-hour office fleet with one implant per case, "
            + "and prevalence fleets of " + SMALL_PREVALENCE_HOSTS + " and --prevalence-hosts hosts.")
    boolean cases;

    @Option(names = "--prevalence-hosts", paramLabel = "N", description = "Hosts of the large prevalence fleet with --cases "
            + "(default " + DEFAULT_PREVALENCE_HOSTS + ", " + QUICK_PREVALENCE_HOSTS + " with --quick).")
    Integer prevalenceHosts;

    static final int DEFAULT_PREVALENCE_HOSTS = 2_000;
    static final int QUICK_PREVALENCE_HOSTS = 200;
    static final int SMALL_PREVALENCE_HOSTS = 40;

    @Override
    public Integer call() throws Exception {
        Path target = target();
        PrintWriter console = spec.commandLine().getOut();
        if (cases) {
            return runCases(target, console);
        }
        int cellCount = cells != null ? cells : quick ? QUICK_CELLS : DEFAULT_CELLS;
        EvaluationPlan plan = new EvaluationPlan(seed, cellCount, GridOptions.defaults());
        EvaluationResult result = DetectionEvaluation.run(plan, stage -> {
            console.println("detection-report: " + stage);
            console.flush();
        });
        String command = "./etwcorr detection-report --cells " + cellCount + " --seed " + seed
                + (updateDocs ? " --update-docs" : "");
        String markdown = DetectionReport.markdown(result, RunInfo.here(gitCommit(), command));
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Files.writeString(target, markdown + handWrittenPart(target), StandardCharsets.UTF_8);
        console.printf("detection-report: wrote %s (%.0f s)%n", target, result.timings().totalS());
        return 0;
    }

    private int runCases(Path target, PrintWriter console) throws Exception {
        int largeFleet = prevalenceHosts != null ? prevalenceHosts : quick ? QUICK_PREVALENCE_HOSTS : DEFAULT_PREVALENCE_HOSTS;
        if (largeFleet < SMALL_PREVALENCE_HOSTS || largeFleet > 99_999) {
            throw new IllegalArgumentException("--prevalence-hosts must be in [" + SMALL_PREVALENCE_HOSTS + ", 99999], got " + largeFleet);
        }
        List<CorpusCases.CaseFleet> fleets = List.of(CorpusCases.longHaul(seed), CorpusCases.prevalence(seed, SMALL_PREVALENCE_HOSTS),
                CorpusCases.prevalence(seed, largeFleet));
        List<CaseEvaluation.FleetOutcome> outcomes = new ArrayList<>();
        Path work = Files.createTempDirectory("etwcorr-cases");
        try {
            for (CorpusCases.CaseFleet fleet : fleets) {
                console.printf("detection-report: %s, %d hosts, %.0f simulated hours%n", fleet.name(), fleet.fleet().hosts(),
                        fleet.fleet().durationS() / 3600.0);
                console.flush();
                outcomes.add(CaseEvaluation.run(fleet, work.resolve(fleet.name())));
                DetectionEvaluation.deleteRecursively(work.resolve(fleet.name()));
            }
        } finally {
            DetectionEvaluation.deleteRecursively(work);
        }
        String command = "./etwcorr detection-report --cases --seed " + seed
                + (prevalenceHosts != null ? " --prevalence-hosts " + largeFleet : quick ? " --quick" : "") + (updateDocs ? " --update-docs" : "");
        String section = CaseReport.markdown(outcomes, RunInfo.here(gitCommit(), command));
        Files.writeString(target, updateDocs ? withCases(Files.readString(target, StandardCharsets.UTF_8), section) : section,
                StandardCharsets.UTF_8);
        console.printf("detection-report: wrote the hard cases to %s%n", target);
        return 0;
    }

    /** {@code report} with its hard-case section replaced by {@code section}, or inserted before its hand-written end. */
    static String withCases(String report, String section) {
        int begin = report.indexOf(CaseReport.BEGIN);
        int end = report.indexOf(CaseReport.END);
        if (begin >= 0 && end > begin) {
            return report.substring(0, begin) + section + report.substring(end + CaseReport.END.length() + 1);
        }
        int handWritten = report.indexOf(HAND_WRITTEN_MARKER);
        return handWritten < 0 ? report + "\n" + section : report.substring(0, handWritten) + section + "\n" + report.substring(handWritten);
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

    /**
     * What the grid's report keeps of the existing one: from the hard cases' section (regenerated by
     * {@code --cases}) or else the hand-written marker line to the end; "" when it has neither.
     */
    static String handWrittenPart(Path report) throws IOException {
        if (!Files.isReadable(report)) {
            return "";
        }
        String existing = Files.readString(report, StandardCharsets.UTF_8);
        int cases = existing.indexOf(CaseReport.BEGIN);
        int marker = cases >= 0 ? cases : existing.indexOf(HAND_WRITTEN_MARKER);
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
