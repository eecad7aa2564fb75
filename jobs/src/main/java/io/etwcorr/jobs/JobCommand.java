package io.etwcorr.jobs;

import io.etwcorr.jobs.config.ConfigOptions;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.io.kafka.BrokerCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the correlation job against a Kafka cluster: in a local MiniCluster from the CLI, or on a
 * Flink cluster when the job jar is submitted with {@code flink run} (same code, the environment decides).
 */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Run the correlation job against Kafka (etw.raw in, output topics out), exactly once.")
public final class JobCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka (default: the config's kafka.bootstrapServers, localhost:9092).")
    String bootstrapServers;

    @Option(names = "--broker-wait", paramLabel = "SECONDS", defaultValue = "" + BrokerCheck.DEFAULT_WAIT_SECONDS,
            description = "Give up when Kafka cannot be reached for this long at start (default: ${DEFAULT-VALUE}).")
    int brokerWaitSeconds;

    @Option(names = "--input-format", paramLabel = "FORMAT",
            description = "raw (the ETW collector's raw events) or sysmon (Winlogbeat's Sysmon events) (config: input.format).")
    String inputFormat;

    @Option(names = "--input-topic", paramLabel = "TOPIC",
            description = "The topic to read, e.g. winlogbeat (config: kafka.topics.raw).")
    String inputTopic;

    @Override
    public Integer call() throws Exception {
        List<String> overrides = new ArrayList<>();
        if (bootstrapServers != null) {
            overrides.add("kafka.bootstrapServers=" + bootstrapServers);
        }
        if (inputFormat != null) {
            overrides.add("input.format=" + inputFormat);
        }
        if (inputTopic != null) {
            overrides.add("kafka.topics.raw=" + inputTopic);
        }
        EtwcorrConfig loaded = config.load(overrides);
        BrokerCheck.awaitReachable(loaded.kafka.bootstrapServers, loaded.kafka.properties,
                Duration.ofSeconds(brokerWaitSeconds), notice -> {
                    spec.commandLine().getErr().println("job: " + notice);
                    spec.commandLine().getErr().flush();
                });
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(KafkaCorrelationJob.flinkConfiguration());
        env.configure(KafkaCorrelationJob.flinkConfiguration(loaded, env instanceof LocalStreamEnvironment));
        KafkaCorrelationJob.build(env, loaded);
        env.execute(loaded.job.name);
        return 0;
    }
}
