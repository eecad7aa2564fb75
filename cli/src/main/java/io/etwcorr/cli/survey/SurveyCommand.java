package io.etwcorr.cli.survey;

import io.etwcorr.collector.survey.BarScale;
import io.etwcorr.collector.survey.SurveyCsv;
import io.etwcorr.collector.survey.SurveyReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code etwcorr survey}: what a provider survey found, read anywhere. */
@Command(name = "survey", mixinStandardHelpOptions = true,
        description = "Read a provider survey (docs/SURVEY.md).",
        subcommands = SurveyCommand.Report.class)
public final class SurveyCommand {

    /** {@code etwcorr survey report survey.csv [--html out.html]}. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Top talkers as a table, silent providers counted, the stimulus diff when present; "
                    + "optionally an HTML page with a bar chart.")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SURVEY.csv", description = "The survey's CSV.")
        Path csv;

        @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as an HTML page.")
        Path html;

        @Option(names = "--top", defaultValue = "25", description = "Talkers in the table (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--rise", defaultValue = "2.0",
                description = "Stimulus: the volume ratio that counts as a rise (default: ${DEFAULT-VALUE}).")
        double rise;

        @Override
        public Integer call() throws Exception {
            SurveyReport report = SurveyReport.of(SurveyCsv.read(csv), rise);
            spec.commandLine().getOut().print(report.renderText(top));
            if (html != null) {
                Files.writeString(html, HtmlReport.render(report, BarScale.LOG), StandardCharsets.UTF_8);
                spec.commandLine().getOut().println("wrote " + html);
            }
            // picocli's writer does not flush on its own: without this the table never reaches a pipe.
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
