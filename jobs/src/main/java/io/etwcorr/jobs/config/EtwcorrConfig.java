package io.etwcorr.jobs.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    public Beacon beacon = new Beacon();
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

    /** Topic names (docs/contract/outputs.md). */
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
        /**
         * Fleet event time (the watermark of the Kafka job) after which a silent host's pending results are
         * flushed, for replays that move event time faster than the wall clock; 0 turns this rule off.
         */
        public long idleHostFlushEventSeconds = 900;
        /** Per collector run, how many recent sequence numbers are remembered to drop duplicates. */
        public int dedupeWindow = 8192;
        /** A send or receive after this much silence on a connection starts a new callback (a keep-alive beacon). */
        public long callbackGapMillis = 1000;
        /** A connection silent this long is forgotten (keep-alive beacons may sleep an hour between sends). */
        public long connectionIdleSeconds = 4 * 3600;
        /** A DNS answer that no connection of the process uses within this window is a DNS-only callback. */
        public long dnsOnlyWindowSeconds = 10;
        /** How long a process's identity is kept after its last event when it never stopped. */
        public long processRetentionSeconds = Duration.ofHours(24).toSeconds();
    }

    /** Beacon scoring, fleet prevalence, the allowlist and alert de-duplication. */
    public static final class Beacon implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Callbacks needed before a (process, destination) can alert. */
        public int minCallbacks = 8;
        /** Score (0..1) at which a (process, destination) alerts. */
        public double threshold = 0.55;
        /** How many of the latest callbacks are scored. */
        public int window = 48;
        /** A later alert for the same triple needs a score this much higher, or the quiet period. */
        public double materialRise = 0.25;
        public long quietPeriodSeconds = 3600;
        /** Scoring state of a (process, destination) with no callback for this long is dropped (wall clock). */
        public long idleTtlSeconds = 6 * 3600;
        /** A destination contacted by at least this many hosts ... */
        public int prevalenceMinHosts = 5;
        /** ... that are also at least this fraction of the hosts seen is infrastructure, not C2. */
        public double prevalenceMinFraction = 0.10;
        public long prevalenceWindowSeconds = 24 * 3600;
        /**
         * A candidate waits until the fleet's event time (the Kafka job's watermark) passed its last
         * callback by this much, so every host's callbacks up to it have arrived and the decision does
         * not depend on their interleaving; without watermarks, or if they stall, at most this much wall time.
         */
        public long prevalenceHoldSeconds = 180;
        /** Decide prevalence once the input has ended (bounded runs: analyze), for determinism. */
        public boolean decideAtEndOfInput = false;
        public Allowlist allowlist = new Allowlist();
        /** Process names where lineage stops for patient zero (docs/contract/outputs.md). */
        public List<String> boundaryProcesses = new ArrayList<>(List.of("explorer.exe", "services.exe",
                "svchost.exe", "wininit.exe", "winlogon.exe", "userinit.exe", "smss.exe", "csrss.exe", "System"));
    }

    /** What never alerts: process images (globs), domains (suffix rules, the apex included), CIDRs. */
    public static final class Allowlist implements Serializable {
        private static final long serialVersionUID = 1L;

        public List<String> images = new ArrayList<>();
        public List<String> domains = new ArrayList<>();
        public List<String> cidrs = new ArrayList<>();
    }

    /** The Flink job itself. */
    public static final class Job implements Serializable {
        private static final long serialVersionUID = 1L;

        public int parallelism = 2;
        public long checkpointIntervalMs = 10_000;
        /**
         * Where checkpoints go on a Flink cluster, e.g. {@code s3://bucket/etwcorr/checkpoints}. Empty: the
         * cluster's own setting. The CLI's {@code job} keeps them under {@link #stateDir} instead.
         */
        public String checkpointDirectory = "";
        public String name = "etwcorr-correlation";
        /**
         * Where the CLI's {@code job} keeps each named job's checkpoints and savepoints ({@code STATE_DIR/NAME/…})
         * and restores from. Empty: etwcorr/state under the user's data directory (~/.local/share, %LOCALAPPDATA%).
         */
        public String stateDir = "";
        /** Completed checkpoints kept per job (state.checkpoints.num-retained); savepoints: the same number. */
        public int retainedCheckpoints = 3;
    }
}
