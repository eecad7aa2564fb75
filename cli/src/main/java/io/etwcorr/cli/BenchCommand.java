package io.etwcorr.cli;

import io.etwcorr.cli.bench.BeforeBuild;
import io.etwcorr.cli.bench.BenchReport;
import io.etwcorr.cli.bench.BenchmarkRunner;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code etwcorr bench}: runs the benchmarks on this machine (in-process broker and MiniCluster),
 * prints a progress line per stage, writes the markdown report and prints the headline figures as
 * one JSON line, last.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark end-to-end throughput, alert latency, analyze and the codec on this machine.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "About 200k events per stage instead of about 2M (a few minutes).")
    boolean quick;

    @Option(names = "--stages", split = ",", paramLabel = "STAGE",
            description = "Run only these stages, comma-separated: ${COMPLETION-CANDIDATES} (default: all).")
    Set<BenchmarkRunner.Stage> stages = EnumSet.allOf(BenchmarkRunner.Stage.class);

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "docs/BENCHMARKS.md",
            description = "Markdown report to write (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--before-build", paramLabel = "DIR",
            description = "A packaged checkout of another build (`mvn -q package -DskipTests` there, never install): "
                    + "its end-to-end stage runs right after this build's, as e2e_ratio_before.")
    Path beforeBuild;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BenchmarkRunner.Options options = quick ? BenchmarkRunner.Options.quick() : BenchmarkRunner.Options.full();
        if (beforeBuild != null) {
            String problem = BeforeBuild.problem(beforeBuild.toAbsolutePath());
            if (problem != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--before-build: " + problem);
            }
            options = options.withBeforeBuild(beforeBuild.toAbsolutePath());
        }
        out.println("bench: " + options.mode() + " run, report to " + report);
        out.flush();
        Path repoDir = report.toAbsolutePath().getParent();
        BenchReport result = BenchmarkRunner.run(options, stages, repoDir == null ? Path.of(".") : repoDir, line -> {
            out.println("bench: " + line);
            out.flush();
        });
        if (report.toAbsolutePath().getParent() != null) {
            Files.createDirectories(report.toAbsolutePath().getParent());
        }
        Files.writeString(report, result.markdown(), StandardCharsets.UTF_8);
        out.println("bench: wrote " + report);
        out.println(result.json());
        out.flush();
        return 0;
    }
}
