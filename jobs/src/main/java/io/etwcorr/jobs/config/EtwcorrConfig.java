package io.etwcorr.jobs.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the correlation job can be told: where Kafka is, topic names, time settings and
 * parallelism. Loaded from YAML by {@link ConfigLoader}; every field has a default that works with
 * the in-process broker. Durations are in seconds unless the name says otherwise.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class EtwcorrConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public Kafka kafka = new Kafka();
    public Correlation correlation = new Correlation();
    public Job job = new Job();

    /** Kafka connection, topic names and extra client properties (TLS, SASL, ...). */
    public static final class Kafka implements Serializable {
        private static final long serialVersionUID = 1L;

        public String bootstrapServers = "localhost:9092";
        public String groupId = "etwcorr-correlation";
        /** Where a new consumer group starts: earliest or latest. */
        public String startingOffsets = "earliest";
        public Topics topics = new Topics();
        /** Passed to every Kafka client as-is, e.g. security.protocol, sasl.jaas.config. */
        public Map<String, String> properties = new LinkedHashMap<>();
        /** Producer transaction timeout; must not exceed the broker's transaction.max.timeout.ms (15 min by default). */
        public long transactionTimeoutMs = Duration.ofMinutes(10).toMillis();
        public String transactionalIdPrefix = "etwcorr-correlation";
    }

    /** Topic names (contract/outputs.md). */
    public static final class Topics implements Serializable {
        private static final long serialVersionUID = 1L;

        public String raw = "etw.raw";
        public String anomalies = "etw.anomalies";
        public String connections = "etw.connections";
        public String flows = "etw.flows";
        public String health = "etw.health";
        public String deadletter = "etw.deadletter";
    }

    /** Time settings of the correlation, in the host's own event time. */
    public static final class Correlation implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Size of the byte buckets of etw.flows. */
        public long bucketSeconds = 60;
        /** How long a DNS answer is remembered for joining with the connections that follow it. */
        public long dnsTtlSeconds = 600;
        /** How far out of order events of one host may arrive and still be handled in order. */
        public long latenessSeconds = 10;
        /** Length of the per-host etw.health intervals. */
        public long healthIntervalSeconds = 60;
        /** Wall-clock time after which a silent host's pending results are flushed. */
        public long idleHostFlushSeconds = 300;
        /** Per collector run, how many recent sequence numbers are remembered to drop duplicates. */
        public int dedupeWindow = 8192;
        /** How long a process's identity is kept after its last event when it never stopped. */
        public long processRetentionSeconds = Duration.ofHours(24).toSeconds();
    }

    /** The Flink job itself. */
    public static final class Job implements Serializable {
        private static final long serialVersionUID = 1L;

        public int parallelism = 2;
        public long checkpointIntervalMs = 10_000;
        public String name = "etwcorr-correlation";
    }
}
