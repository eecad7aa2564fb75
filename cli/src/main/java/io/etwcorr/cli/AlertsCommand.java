package io.etwcorr.cli;

import io.etwcorr.jobs.io.kafka.BrokerCheck;
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

    @Option(names = "--broker-wait", paramLabel = "SECONDS", defaultValue = "" + BrokerCheck.DEFAULT_WAIT_SECONDS,
            description = "Give up when Kafka cannot be reached for this long (default: ${DEFAULT-VALUE}).")
    int brokerWaitSeconds;

    @Option(names = "--topic", defaultValue = "etw.anomalies", description = "Alert topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--from-beginning", description = "Start with the oldest alert, not the next one.")
    boolean fromBeginning;

    @Option(names = "--json", description = "Print the raw JSON records.")
    boolean json;

    @Option(names = "--property", paramLabel = "KEY=VALUE", description = "A Kafka client property (repeatable).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BrokerCheck.awaitReachable(bootstrapServers, properties, Duration.ofSeconds(brokerWaitSeconds), notice -> {
            err.println("alerts: " + notice);
            err.flush();
        });
        AlertTail tail = new AlertTail(bootstrapServers, topic, fromBeginning, properties, alert -> {
            out.println(json ? alert : AlertRenderer.render(alert));
            out.flush();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(tail::stop));
        tail.run();
        return 0;
    }
}
