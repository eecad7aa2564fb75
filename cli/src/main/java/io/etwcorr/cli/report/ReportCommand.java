package io.etwcorr.cli.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code etwcorr report OUT_DIR}: the picture of an {@code analyze} run as one self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write one self-contained HTML page of an analyze run: alerts with lineage, callback timeline and "
                + "bytes per callback, fleet health, top processes. No scripts, no network resources.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "OUT_DIR", description = "The --out DIR of `etwcorr analyze`.")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "The page (default: OUT_DIR/report.html).")
    Path out;

    @Override
    public Integer call() throws Exception {
        RunModel run = RunModel.fromDirectory(dir);
        Path page = out != null ? out : dir.resolve("report.html");
        Files.writeString(page, ReportPage.render(run, dir.toString()), StandardCharsets.UTF_8);
        spec.commandLine().getOut().printf("report: %d alert(s) -> %s%n", run.alerts().size(), page);
        return 0;
    }
}
