package io.etwcorr.collector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The collector on its own, as packaged for Windows hosts (jpackage): the {@code collector}
 * subcommands at the top level; {@code survey} collects a survey and {@code survey report} reads one.
 */
@Command(name = "etwcorr-collector", mixinStandardHelpOptions = true,
        description = "The etwcorr ETW collector.",
        subcommands = {RunCommand.class, InstallCommand.class, UninstallCommand.class, ServiceCommand.class,
                ReplayCommand.class, SelftestCommand.class, SurveyCollectCommand.class, CommandLine.HelpCommand.class})
public final class CollectorMain {
    private static final String LOG_CONFIG = "etwcorr-collector-log4j2.xml";

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        System.exit(new CommandLine(new CollectorMain()).setExecutionExceptionHandler(new CliErrors()).execute(args));
    }
}
