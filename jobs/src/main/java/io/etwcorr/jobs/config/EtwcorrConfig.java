package io.etwcorr.jobs.config;

import io.etwcorr.schemas.config.ConsistencyCheck;
import io.etwcorr.schemas.config.NotBlank;
import io.etwcorr.schemas.config.OneOf;
import io.etwcorr.schemas.config.Range;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the correlation job can be told: where Kafka is, topic names, time settings, scoring,
 * lineage and parallelism. The field initializers are the defaults (the only place they are
 * written; they work with the in-process broker); the annotations are the ranges checked at load.
 * Loaded from YAML and {@code --set} by {@link ConfigLoader}; a loaded config is never changed.
 * Durations are in seconds unless the name says otherwise.
 */
public final class EtwcorrConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public Input input = new Input();
    public Kafka kafka = new Kafka();
    public Correlation correlation = new Correlation();
    public Beacon beacon = new Beacon();
    public Lineage lineage = new Lineage();
    public Job job = new Job();

    /** What the job reads (from kafka.topics.raw, or the files of analyze). */
    public static final class Input implements Serializable {
        private static final long serialVersionUID = 1L;

        /** raw: the ETW collector's raw events; sysmon: Sysmon events (Winlogbeat JSON, event-log XML or JSON). */
        public InputFormat format = InputFormat.RAW;
    }

    /** Kafka connection, topic names and extra client properties (TLS, SASL, ...). */
    public static final class Kafka implements Serializable {
        private static final long serialVersionUID = 1L;

        @NotBlank
        public String bootstrapServers = "localhost:9092";
        @NotBlank
        public String groupId = "etwcorr-correlation";
        /** Where a new consumer group starts. */
        @OneOf({"earliest", "latest"})
        public String startingOffsets = "earliest";
        public Topics topics = new Topics();
        /** Passed to every Kafka client as-is, e.g. security.protocol, sasl.jaas.config. */
        public Map<String, String> properties = new LinkedHashMap<>();
        /** Producer transaction timeout; must not exceed the broker's transaction.max.timeout.ms (15 min by default). */
        @Range(min = 1000)
        public long transactionTimeoutMs = Duration.ofMinutes(10).toMillis();
        @NotBlank
        public String transactionalIdPrefix = "etwcorr-correlation";
    }

    /** Topic names (docs/contract/outputs.md). */
    public static final class Topics implements Serializable {
        private static final long serialVersionUID = 1L;

        @NotBlank
        public String raw = "etw.raw";
        @NotBlank
        public String anomalies = "etw.anomalies";
        @NotBlank
        public String connections = "etw.connections";
        @NotBlank
        public String flows = "etw.flows";
        @NotBlank
        public String health = "etw.health";
        @NotBlank
        public String deadletter = "etw.deadletter";
    }

    /** Time settings of the correlation, in the host's own event time. */
    public static final class Correlation implements Serializable, ConsistencyCheck {
        private static final long serialVersionUID = 1L;
        /** The dedupe window is a bitmap of 64-bit words. */
        private static final int DEDUPE_WORD_BITS = 64;

        /** Size of the byte buckets of etw.flows. */
        @Range(min = 1)
        public long bucketSeconds = 60;
        /** How long a DNS answer is remembered for joining with the connections that follow it. */
        @Range(min = 1)
        public long dnsTtlSeconds = 600;
        /** How far out of order events of one host may arrive and still be handled in order. */
        @Range(min = 0)
        public long latenessSeconds = 10;
        /** Length of the per-host etw.health intervals. */
        @Range(min = 1)
        public long healthIntervalSeconds = 60;
        /** Wall-clock time after which a silent host's pending results are flushed. */
        @Range(min = 1)
        public long idleHostFlushSeconds = 300;
        /**
         * Fleet event time (the watermark of the Kafka job) after which a silent host's pending results are
         * flushed, for replays that move event time faster than the wall clock; 0 turns this rule off.
         */
        @Range(min = 0)
        public long idleHostFlushEventSeconds = 900;
        /** Per collector run, how many recent sequence numbers are remembered to drop duplicates (a multiple of 64). */
        @Range(min = DEDUPE_WORD_BITS)
        public int dedupeWindow = 8192;
        /** A send or receive after this much silence on a connection starts a new callback (a keep-alive beacon). */
        @Range(min = 1)
        public long callbackGapMillis = 1000;
        /** A connection silent this long is forgotten (keep-alive beacons may sleep an hour between sends). */
        @Range(min = 1)
        public long connectionIdleSeconds = 4 * 3600;
        /** The first UDP datagram to a remote endpoint after this much silence starts a new UDP "connection". */
        public long udpIdleSeconds = 60;
        /** A DNS answer that no connection of the process uses within this window is a DNS-only callback. */
        @Range(min = 1)
        public long dnsOnlyWindowSeconds = 10;
        /** How long a process's identity is kept after its last event when it never stopped. */
        @Range(min = 1)
        public long processRetentionSeconds = Duration.ofHours(24).toSeconds();

        @Override
        public List<String> inconsistencies() {
            return dedupeWindow % DEDUPE_WORD_BITS == 0 ? List.of()
                    : List.of("dedupeWindow: " + dedupeWindow + " is not a multiple of " + DEDUPE_WORD_BITS);
        }
    }

    /** Beacon scoring, fleet prevalence, the allowlist and alert de-duplication. */
    public static final class Beacon implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Callbacks needed before a (process, destination) can alert; a score needs at least 3. */
        @Range(min = 3)
        public int minCallbacks = 8;
        /** Score (0..1) at which a (process, destination) alerts. */
        @Range(min = 0, max = 1)
        public double threshold = 0.55;
        /** How many of the latest callbacks are scored. */
        @Range(min = 3)
        public int window = 48;
        /** An episode ends after this long without a callback, or 3 median intervals if longer: the next one gets a new id. */
        @Range(min = 0)
        public long quietPeriodSeconds = 3600;
        /** Within an episode, a beacon-updated record (same id) goes out at most this often, in event time. */
        @Range(min = 0)
        public long updateIntervalSeconds = 3600;
        /**
         * Scoring state of a (process, destination) with no callback for this long is dropped (wall clock);
         * longer than the quiet period of the slowest beacon to follow (3 × a 4-hour sleep).
         */
        @Range(min = 1)
        public long idleTtlSeconds = 24 * 3600;
        /**
         * A series that keeps receiving at least this many bits per second is streaming or a bulk
         * transfer, not a sleep-and-check-in beacon, and does not alert: the lower of its typical rate
         * (what more than half of its callbacks received at least, over the sleep estimate) and its
         * overall rate (bytes received over the intervals they ended, without pauses longer than
         * missed callbacks explain). The lowest rung of common video bitrate ladders is 0.2–0.4
         * Mbit/s; a C2 check-in receives a few hundred bytes to a few KB per sleep. 0 turns the rule
         * off (docs/DETECTION.md, "Streaming is not a beacon").
         */
        @Range(min = 0)
        public long streamingBitsPerSecond = 200_000;
        /** A destination contacted by at least this many hosts ... */
        @Range(min = 1)
        public int prevalenceMinHosts = 5;
        /** ... that are also at least this fraction of the hosts seen is infrastructure, not C2 ... */
        @Range(min = 0, max = 1)
        public double prevalenceMinFraction = 0.10;
        /** ... and so is one contacted by at least this many hosts, whatever the fleet's size. */
        @Range(min = 1)
        public int prevalenceInfrastructureHosts = 25;
        @Range(min = 1)
        public long prevalenceWindowSeconds = 24 * 3600;
        /**
         * A candidate waits until the fleet's event time (the Kafka job's watermark) passed its last
         * callback by this much, so every host's callbacks up to it have arrived and the decision does
         * not depend on their interleaving; without watermarks, or if they stall, at most this much wall time.
         */
        @Range(min = 0)
        public long prevalenceHoldSeconds = 180;
        /** Decide prevalence once the input has ended (bounded runs: analyze), for determinism. */
        public boolean decideAtEndOfInput = false;
        public Allowlist allowlist = new Allowlist();
        public ScoreWeights weights = new ScoreWeights();
    }

    /** How the beacon score combines its parts (BeaconScore); each set of weights sums to 1. */
    public static final class ScoreWeights implements Serializable, ConsistencyCheck {
        private static final long serialVersionUID = 1L;
        private static final double TOLERANCE = 1e-9;

        /** Interval regularity (1 − MAD/median), the main evidence. */
        @Range(min = 0, max = 1)
        public double regularity = 0.6;
        /** Symmetry of the intervals (1 − |Bowley skewness|): jitter is uniform. */
        @Range(min = 0, max = 1)
        public double symmetry = 0.15;
        /** Consistency of the bytes sent per callback, when sizes are known. */
        @Range(min = 0, max = 1)
        public double sizeConsistency = 0.25;
        /** Regularity's weight when sizes are unknown; symmetry gets the rest. */
        @Range(min = 0, max = 1)
        public double regularityWithoutSizes = 0.75;

        @Override
        public List<String> inconsistencies() {
            double sum = regularity + symmetry + sizeConsistency;
            return Math.abs(sum - 1) <= TOLERANCE ? List.of()
                    : List.of("regularity + symmetry + sizeConsistency: " + Math.round(sum * 1e6) / 1e6 + " is not 1");
        }
    }

    /**
     * What never alerts: process images (globs), domains (suffix rules, the apex included), CIDRs, and
     * (image, destination suffix, transport) pairs — the shipped defaults (docs/DETECTION.md) unless
     * switched off by name, and any of one's own.
     */
    public static final class Allowlist implements Serializable {
        private static final long serialVersionUID = 1L;

        public List<String> images = new ArrayList<>();
        public List<String> domains = new ArrayList<>();
        public List<String> cidrs = new ArrayList<>();
        /** Names of shipped default pairs to switch off, e.g. [windows-time]. */
        public List<String> disabledDefaults = new ArrayList<>();
        public List<Pair> pairs = new ArrayList<>();
    }

    /** One allowed (image, destination) pair: the image alone or the domain alone still alerts. */
    public static final class Pair implements Serializable {
        private static final long serialVersionUID = 1L;

        public String name;
        /** Glob on the image path or file name, e.g. {@code c:/windows/system32/svchost.exe}. */
        public String image;
        /** Domain suffix rule, the apex included. */
        public String domain;
        /** tcp, udp, dns (lookups no connection used) or any. */
        public String transport = "any";
        public String reason;

        public Pair() {}

        public Pair(String name, String image, String domain, String transport, String reason) {
            this.name = name;
            this.image = image;
            this.domain = domain;
            this.transport = transport;
            this.reason = reason;
        }
    }

    /** The process table behind lineage and patient zero (docs/contract/outputs.md, {@code patient_zero}). */
    public static final class Lineage implements Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * Session and service infrastructure: the walk to the patient zero stops below the first of
         * these. Process names (file names), matched case-insensitively; {@code System} is the kernel.
         */
        public List<String> boundaryProcesses = new ArrayList<>(List.of("explorer.exe", "services.exe",
                "svchost.exe", "wininit.exe", "winlogon.exe", "userinit.exe", "smss.exe", "csrss.exe", "System"));
        /**
         * How long, in host event time, an exited process stays in the table for the lineage of later alerts,
         * counted from its own exit and from that of the last process it started or injected into.
         */
        @Range(min = 1)
        public long retentionSeconds = Duration.ofHours(24).toSeconds();
        /** A bound on the table of one host whatever the input; beyond it the oldest exited processes go first. */
        @Range(min = 1)
        public int maxProcessesPerHost = 20_000;
    }

    /** The Flink job itself. */
    public static final class Job implements Serializable {
        private static final long serialVersionUID = 1L;

        @Range(min = 1)
        public int parallelism = 2;
        /** Flink's smallest checkpoint interval is 10 ms. */
        @Range(min = 10)
        public long checkpointIntervalMs = 10_000;
        /**
         * Where checkpoints go on a Flink cluster, e.g. {@code s3://bucket/etwcorr/checkpoints}. Empty: the
         * cluster's own setting. The CLI's {@code job} keeps them under {@link #stateDir} instead.
         */
        public String checkpointDirectory = "";
        @NotBlank
        public String name = "etwcorr-correlation";
        /**
         * Where the CLI's {@code job} keeps each named job's checkpoints and savepoints ({@code STATE_DIR/NAME/…})
         * and restores from. Empty: etwcorr/state under the user's data directory (~/.local/share, %LOCALAPPDATA%).
         */
        public String stateDir = "";
        /** Completed checkpoints kept per job (state.checkpoints.num-retained); savepoints: the same number. */
        @Range(min = 1)
        public int retainedCheckpoints = 3;
    }
}
