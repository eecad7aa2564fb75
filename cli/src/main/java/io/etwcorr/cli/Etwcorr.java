package io.etwcorr.cli;

import io.etwcorr.collector.cli.CliErrors;
import io.etwcorr.collector.cli.CollectorCommand;
import io.etwcorr.cli.report.ReportCommand;
import io.etwcorr.cli.survey.SurveyCommand;
import io.etwcorr.jobs.JobCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code etwcorr} command line: one entry point, one subcommand per capability. */
@Command(
        name = "etwcorr",
        mixinStandardHelpOptions = true,
        versionProvider = Etwcorr.ManifestVersion.class,
        description = "Correlates Windows ETW telemetry (process, DNS, TCP) to find the process behind a C2 beacon.",
        subcommands = {DemoCommand.class, AnalyzeCommand.class, JobCommand.class, SimulateCommand.class,
                AlertsCommand.class, ReportCommand.class, DetectionReportCommand.class, BenchCommand.class, CollectorCommand.class,
                SurveyCommand.class, CommandLine.HelpCommand.class})
public final class Etwcorr {

    /** The CLI's own logging config; other jars on the classpath bring theirs. */
    private static final String LOG_CONFIG = "etwcorr-log4j2.xml";

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Etwcorr()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new CliErrors());
    }

    /** The version from the jar manifest (absent when run from classes). */
    static final class ManifestVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Etwcorr.class.getPackage().getImplementationVersion();
            return new String[] {"etwcorr " + (version == null ? "(development build)" : version)};
        }
    }
}
