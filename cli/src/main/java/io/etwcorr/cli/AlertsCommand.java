package io.etwcorr.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code etwcorr alerts}: follow etw.anomalies of any Kafka, rendered like the demo renders them. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Follow the alert topic (read_committed) and print each alert for a person, or as JSON.")
public final class AlertsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "etw.anomalies", description = "Alert topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--from-beginning", description = "Start with the oldest alert, not the next one.")
    boolean fromBeginning;

    @Option(names = "--json", description = "Print the raw JSON records.")
    boolean json;

    @Option(names = "--property", paramLabel = "KEY=VALUE", description = "A Kafka client property (repeatable).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--until-idle", paramLabel = "SECONDS",
            description = "Exit when no alert arrived for this long (a finished input is complete after the job's "
                    + "idle flush, prevalence hold and one checkpoint: docs/RELIABILITY.md).")
    Long untilIdleSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AlertTail tail = new AlertTail(bootstrapServers, topic, fromBeginning, properties,
                untilIdleSeconds == null ? null : Duration.ofSeconds(untilIdleSeconds), alert -> {
                    out.println(json ? alert : AlertRenderer.render(alert));
                    out.flush();
                });
        Thread stopOnCtrlC = new Thread(tail::stop);
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        tail.run();
        if (untilIdleSeconds != null) {
            Runtime.getRuntime().removeShutdownHook(stopOnCtrlC); // drained: the consumer is closed already
        }
        return 0;
    }
}
