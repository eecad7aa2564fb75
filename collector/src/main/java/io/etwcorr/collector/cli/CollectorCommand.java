package io.etwcorr.collector.cli;

import picocli.CommandLine.Command;

/** {@code etwcorr collector …}: the Windows collector and the sources that run anywhere. */
@Command(name = "collector", mixinStandardHelpOptions = true,
        description = "The ETW collector: run it in a console, install it as a Windows service, check it on a host "
                + "(selftest), replay recorded events or .etl traces through it, or survey the host's providers.",
        subcommands = {RunCommand.class, InstallCommand.class, UninstallCommand.class, ServiceCommand.class,
                ReplayCommand.class, SelftestCommand.class, SurveyCollectCommand.class})
public final class CollectorCommand {
}
