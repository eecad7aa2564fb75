package io.etwcorr.jobs;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.jobs.model.RawRecord;
import io.etwcorr.jobs.io.kafka.KafkaOutputSink;
import io.etwcorr.jobs.io.kafka.FleetClock;
import io.etwcorr.jobs.io.kafka.KafkaRawSource;
import io.etwcorr.schemas.config.SecretProperties;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production wiring: etw.raw from Kafka through {@link CorrelationPipeline} into the output
 * topics, exactly once (checkpoints + Kafka transactions). Consumers of the outputs read them with
 * {@code isolation.level=read_committed}.
 */
public final class KafkaCorrelationJob {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCorrelationJob.class);

    private KafkaCorrelationJob() {}

    /** Builds the job into {@code env}, which may be a local MiniCluster or a cluster's context. */
    public static void build(StreamExecutionEnvironment env, EtwcorrConfig config) {
        LOG.info("correlating {} ({} input) of {} with client properties {}", config.kafka.topics.raw,
                config.input.format, config.kafka.bootstrapServers, SecretProperties.redacted(config.kafka.properties));
        env.setParallelism(config.job.parallelism);
        env.enableCheckpointing(config.job.checkpointIntervalMs, CheckpointingMode.EXACTLY_ONCE);

        // Each host's time is kept inside the job (HostSequencer); the watermarks are the fleet's clock,
        // which only fleet prevalence waits for.
        DataStream<RawRecord> raw = env.fromSource(KafkaRawSource.create(config.kafka),
                FleetClock.watermarks(config.correlation.latenessSeconds), "etw.raw").uid("kafka-raw-source");

        CorrelationPipeline.Outputs outputs = CorrelationPipeline.build(raw, config);
        EtwcorrConfig.Topics topics = config.kafka.topics;
        sink(outputs.anomalies(), config, topics.anomalies);
        sink(outputs.connections(), config, topics.connections);
        sink(outputs.flows(), config, topics.flows);
        sink(outputs.health(), config, topics.health);
        sink(outputs.deadletter(), config, topics.deadletter);
    }

    /** Starts the job without waiting for it (it runs until cancelled). */
    public static JobClient start(StreamExecutionEnvironment env, EtwcorrConfig config) throws Exception {
        build(env, config);
        return env.executeAsync(config.job.name);
    }

    /**
     * The job's Flink configuration: no Kryo fallback, every type has a Flink serializer; records
     * passed between chained operators as they are, not copied (object reuse). That is safe here
     * because no function changes a record it received or keeps one it emitted (the sequencer's
     * buffer lets go of an event as it releases it), and network input is always deserialized into
     * new objects.
     */
    public static Configuration flinkConfiguration() {
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        configuration.set(PipelineOptions.OBJECT_REUSE, true);
        return configuration;
    }

    /**
     * The job's Flink configuration with its checkpoint directory: the configured one; for a local
     * MiniCluster without one, a directory under the temp dir, because the default in-memory storage
     * refuses task state above 5 MB (a fleet of a few thousand hosts) and then no transaction commits;
     * on a cluster without one, the cluster's own setting.
     */
    public static Configuration flinkConfiguration(EtwcorrConfig config, boolean local) {
        Configuration configuration = flinkConfiguration();
        String directory = config.job.checkpointDirectory;
        if (directory.isEmpty() && local) {
            directory = Path.of(System.getProperty("java.io.tmpdir"), "etwcorr-checkpoints").toUri().toString();
        }
        if (!directory.isEmpty()) {
            configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory);
        }
        return configuration;
    }

    /**
     * The CLI {@code job}'s local run of a named job: its checkpoints under {@code state}, kept when
     * the process dies or is cancelled (so a restart finds them), at most
     * {@code job.retainedCheckpoints} of them, savepoints beside them, and the state restored from
     * {@code restoreFrom}: a checkpoint is claimed (Flink deletes it once newer ones subsume it), a
     * savepoint is only read.
     */
    public static Configuration flinkConfiguration(EtwcorrConfig config, JobState state, Optional<Path> restoreFrom) {
        Configuration configuration = flinkConfiguration();
        configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, state.checkpoints().toUri().toString());
        configuration.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, state.savepoints().toUri().toString());
        configuration.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, config.job.retainedCheckpoints);
        configuration.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        restoreFrom.ifPresent(snapshot -> {
            configuration.set(StateRecoveryOptions.SAVEPOINT_PATH, snapshot.toUri().toString());
            configuration.set(StateRecoveryOptions.RESTORE_MODE,
                    state.isSavepoint(snapshot) ? RecoveryClaimMode.NO_CLAIM : RecoveryClaimMode.CLAIM);
        });
        return configuration;
    }

    private static void sink(DataStream<OutputRecord> stream, EtwcorrConfig config, String topic) {
        stream.sinkTo(KafkaOutputSink.forTopic(config.kafka, topic)).uid("sink-" + topic).name(topic);
    }
}
