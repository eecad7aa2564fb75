package io.etwcorr.cli;

import io.etwcorr.jobs.io.kafka.BrokerCheck;
import io.etwcorr.cli.report.ReportPage;
import io.etwcorr.cli.report.RunModel;
import io.etwcorr.cli.report.TopicSnapshot;
import io.etwcorr.jobs.config.EtwcorrConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
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

    @Option(names = "--html", paramLabel = "FILE", description = "Instead of following: write the report page of "
            + "everything committed so far (alerts, connections, flows, health, dead letters) into FILE, then exit.")
    Path html;

    @Option(names = "--property", paramLabel = "KEY=VALUE", description = "A Kafka client property (repeatable).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--until-idle", paramLabel = "SECONDS",
            description = "Exit when no alert arrived for this long (a finished input is complete after the job's "
                    + "idle flush, prevalence hold and one checkpoint: docs/RELIABILITY.md).")
    Long untilIdleSeconds;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BrokerCheck.awaitReachable(bootstrapServers, properties, Duration.ofSeconds(brokerWaitSeconds), notice -> {
            err.println("alerts: " + notice);
            err.flush();
        });
        if (html != null) {
            return writeReportPage(out, err);
        }
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

    /** The output topics' names beside the alert topic: the defaults of etc/etwcorr.example.yaml. */
    private int writeReportPage(PrintWriter out, PrintWriter err) throws IOException {
        EtwcorrConfig.Topics names = new EtwcorrConfig.Topics();
        Map<RunModel.Stream, String> topics = new EnumMap<>(RunModel.Stream.class);
        topics.put(RunModel.Stream.ANOMALIES, topic);
        topics.put(RunModel.Stream.CONNECTIONS, names.connections);
        topics.put(RunModel.Stream.FLOWS, names.flows);
        topics.put(RunModel.Stream.HEALTH, names.health);
        topics.put(RunModel.Stream.DEADLETTER, names.deadletter);
        RunModel run = new RunModel();
        List<String> missing = TopicSnapshot.read(bootstrapServers, properties, topics, run);
        if (!missing.isEmpty()) {
            err.println("alerts: no such topic(s) at " + bootstrapServers + ": " + String.join(", ", missing)
                    + "; the page shows them empty");
        }
        Files.writeString(html, ReportPage.render(run, "Kafka at " + bootstrapServers), StandardCharsets.UTF_8);
        out.printf("alerts: %d alert(s) -> %s%n", run.alerts().size(), html);
        return 0;
    }
}
