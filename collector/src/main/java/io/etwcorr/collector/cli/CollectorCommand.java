package io.etwcorr.collector.cli;

import picocli.CommandLine.Command;

/** {@code etwcorr collector …}: the Windows collector and the sources that run anywhere. */
@Command(name = "collector", mixinStandardHelpOptions = true,
        description = "The ETW collector: replay recorded events through its delivery (Kafka + disk spool).",
        subcommands = {ReplayCommand.class})
public final class CollectorCommand {
}
