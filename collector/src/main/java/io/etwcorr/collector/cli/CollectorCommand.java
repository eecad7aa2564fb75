package io.etwcorr.collector.cli;

import picocli.CommandLine.Command;

/** {@code etwcorr collector …}: the Windows collector and the sources that run anywhere. */
@Command(name = "collector", mixinStandardHelpOptions = true,
        description = "The ETW collector: run it in a console, install it as a Windows service, replay "
                + "recorded events through its delivery (Kafka + disk spool), or survey the host's providers.",
        subcommands = {RunCommand.class, InstallCommand.class, UninstallCommand.class, ServiceCommand.class,
                ReplayCommand.class, SurveyCollectCommand.class})
public final class CollectorCommand {
}
