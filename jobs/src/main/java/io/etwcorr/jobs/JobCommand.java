package io.etwcorr.jobs;

import io.etwcorr.jobs.config.ConfigOptions;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.io.kafka.BrokerCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the correlation job against a Kafka cluster: in a local MiniCluster from the CLI, or on a
 * Flink cluster when the job jar is submitted with {@code flink run} (same code, the environment decides).
 *
 * <p>Locally the job is named ({@code --name}): its checkpoints live under {@code job.stateDir/NAME},
 * a restart resumes from the newest completed checkpoint or savepoint of that name, and a stop
 * (Ctrl-C, SIGTERM) takes a savepoint first. On a cluster, Flink's own {@code flink run -s} and
 * {@code flink stop} do the same.
 */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Run the correlation job against Kafka (etw.raw in, output topics out), exactly once. Locally it "
                + "resumes from its latest checkpoint or savepoint, and Ctrl-C stops it with a savepoint.")
public final class JobCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    private static final Logger LOG = LoggerFactory.getLogger(JobCommand.class);
    private static final long STOP_TIMEOUT_SECONDS = 120;

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

    @Option(names = "--name", defaultValue = "etwcorr", paramLabel = "NAME",
            description = "The job's name: its state lives in job.stateDir/NAME (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--fresh", description = "Start with empty state; this name's earlier checkpoints are deleted.")
    boolean fresh;

    @Option(names = "--from-savepoint", paramLabel = "PATH", description = "Restore from this savepoint (or retained checkpoint).")
    Path fromSavepoint;

    @Override
    public Integer call() throws Exception {
        if (fresh && fromSavepoint != null) {
            throw new IllegalArgumentException("--fresh and --from-savepoint exclude each other");
        }
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
        if (!(env instanceof LocalStreamEnvironment)) {
            env.configure(KafkaCorrelationJob.flinkConfiguration(loaded, false));
            if (fromSavepoint != null) {
                env.configure(savepointOnly(fromSavepoint));
            }
            KafkaCorrelationJob.build(env, loaded);
            env.execute(loaded.job.name);
            return 0;
        }
        JobState state = new JobState(stateDirectory(loaded), name);
        Optional<Path> restoreFrom = fromSavepoint != null ? Optional.of(fromSavepoint.toAbsolutePath())
                : fresh ? Optional.empty() : state.latestSnapshot();
        state.prune(restoreFrom, loaded.job.retainedCheckpoints);
        System.out.println(restoreFrom.map(snapshot -> "job " + name + ": resuming from " + snapshot)
                .orElse("job " + name + ": starting with empty state (checkpoints in " + state.checkpoints() + ")"));
        env.configure(KafkaCorrelationJob.flinkConfiguration(loaded, state, restoreFrom));
        JobClient job = KafkaCorrelationJob.start(env, loaded);
        Thread stopWithSavepoint = new Thread(() -> stop(job, state), "etwcorr-job-stop");
        Runtime.getRuntime().addShutdownHook(stopWithSavepoint);
        job.getJobExecutionResult().get();
        return 0;
    }

    /** Ctrl-C or SIGTERM: a savepoint first, so the next start resumes exactly where this one stopped. */
    private static void stop(JobClient job, JobState state) {
        try {
            String savepoint = job.stopWithSavepoint(false, state.savepoints().toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            System.out.println("job stopped with savepoint " + savepoint);
        } catch (Exception e) {
            LOG.warn("stopping with a savepoint failed; the next start resumes from the latest checkpoint", e);
        }
    }

    private static Configuration savepointOnly(Path savepoint) {
        Configuration configuration = new Configuration();
        configuration.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toString());
        return configuration;
    }

    private static Path stateDirectory(EtwcorrConfig config) {
        return config.job.stateDir.isBlank() ? JobState.defaultStateDirectory() : Path.of(config.job.stateDir);
    }
}
