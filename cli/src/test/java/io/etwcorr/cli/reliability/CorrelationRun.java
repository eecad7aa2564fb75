package io.etwcorr.cli.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etwcorr.jobs.KafkaCorrelationJob;
import io.etwcorr.cli.bench.BenchKafka;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;

/**
 * One run of the correlation job over the shared etw.raw: its own consumer group, transactional
 * ids and output topics ({@code NAME.etw.anomalies}, ...), so runs can be compared record by record.
 */
final class CorrelationRun {
    /** The outputs of docs/contract/outputs.md, by their default topic names. */
    static final List<String> OUTPUTS = List.of("anomalies", "connections", "flows", "health", "deadletter");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedKafka kafka;
    private final String name;
    private final List<String> overrides;
    private final EtwcorrConfig config;

    CorrelationRun(EmbeddedKafka kafka, String name, long checkpointIntervalMs, String... extra) {
        this.kafka = kafka;
        this.name = name;
        List<String> all = new ArrayList<>();
        for (String output : OUTPUTS) {
            all.add("kafka.topics." + output + "=" + name + ".etw." + output);
        }
        all.add("kafka.groupId=etwcorr-" + name);
        all.add("kafka.transactionalIdPrefix=etwcorr-" + name);
        all.addAll(List.of(extra));
        this.overrides = BenchKafka.jobOverrides(kafka, checkpointIntervalMs, all.toArray(String[]::new));
        this.config = ConfigLoader.load(null, overrides);
        BenchKafka.createTopics(kafka, config);
    }

    EtwcorrConfig config() {
        return config;
    }

    /** Starts the job in a MiniCluster in this JVM (a local environment), its checkpoints in {@code checkpoints}. */
    JobClient startLocally(Path checkpoints) throws Exception {
        Configuration flink = KafkaCorrelationJob.flinkConfiguration(config, true);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        return KafkaCorrelationJob.start(StreamExecutionEnvironment.getExecutionEnvironment(flink), config);
    }

    /** The job's command line for {@code flink run}: the same config as {@link #config()}. */
    List<String> jobArgs() {
        List<String> args = new ArrayList<>();
        for (String override : overrides) {
            args.add("--set");
            args.add(override);
        }
        return args;
    }

    /** Records of etw.raw the job has committed as consumed (its group's offsets, advanced at each checkpoint). */
    long consumed() throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return BenchKafka.committedOffsets(admin, config.kafka.groupId);
        }
    }

    /** Waits until a checkpoint covered all {@code events} of etw.raw; returns when it was seen (nanoTime). */
    long awaitConsumed(long events, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long consumed;
        while ((consumed = consumed()) < events) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " consumed " + consumed + " of " + events + " events within " + timeout);
            }
            Thread.sleep(100);
        }
        return System.nanoTime();
    }

    /**
     * Every committed record of each output topic (read_committed, to the end) as key TAB value;
     * alerts without {@code beacon.hosts_contacting_destination}, the count of hosts the fleet
     * prevalence had seen when the alert passed it: that depends on how the callbacks of different
     * hosts interleaved on the way, which a restart (or a slower machine) changes.
     */
    Map<String, List<String>> outputs() throws IOException {
        Map<String, List<String>> outputs = new LinkedHashMap<>();
        for (String output : OUTPUTS) {
            List<String> records = new ArrayList<>();
            for (var record : kafka.consumeToEnd(name + ".etw." + output, Duration.ofMinutes(1), true)) {
                String value = new String(record.value(), StandardCharsets.UTF_8);
                records.add(record.key() + "\t" + (output.equals("anomalies") ? withoutArrivalOrder(value) : value));
            }
            outputs.put(output, records);
        }
        return outputs;
    }

    private static String withoutArrivalOrder(String alert) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(alert);
        ((ObjectNode) node.path("beacon")).remove("hosts_contacting_destination");
        return JSON.writeValueAsString(node);
    }
}
