package io.etwcorr.collector.config;

import io.etwcorr.collector.coalesce.CoalesceSettings;
import io.etwcorr.schemas.config.ConsistencyCheck;
import io.etwcorr.schemas.config.NotBlank;
import io.etwcorr.schemas.config.Range;
import io.etwcorr.schemas.config.YamlConfig;
import io.etwcorr.schemas.etw.EtwProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The collector's configuration (one YAML file per host or per fleet; `deploy/windows/collector.yaml`
 * is the documented example). The field initializers are the defaults, the annotations the ranges
 * checked at load; read by the project's one loader ({@link YamlConfig}: YAML, then {@code --set}
 * overrides). Unknown keys are errors: a typo must not silently disable a filter.
 */
public final class CollectorConfig {

    /** The host identifier in every record; empty: the computer's DNS name. */
    public String host = "";
    public Session session = new Session();
    public List<Provider> providers = new ArrayList<>(List.of(
            new Provider(EtwProvider.KERNEL_PROCESS, "0x30", true),
            new Provider(EtwProvider.DNS_CLIENT, "0x0", false),
            new Provider(EtwProvider.KERNEL_NETWORK, "0x30", false)));
    public Filters filters = new Filters();
    /** Records decoded but not yet handed to delivery; when full, new ones are dropped and counted. */
    @Range(min = 1)
    public int queueCapacity = 65_536;
    @Range(min = 1)
    public long heartbeatSeconds = 10;
    public Coalesce coalesce = new Coalesce();
    public Kafka kafka = new Kafka();
    public Spool spool = new Spool();
    @NotBlank
    public String serviceName = "etwcorr-collector";

    /** The real-time ETW session. */
    public static final class Session implements ConsistencyCheck {
        @NotBlank
        public String name = "etwcorr";
        /** ETW buffers are 1 KB to 16 MB. */
        @Range(min = 1, max = 16_384)
        public int bufferSizeKb = 256;
        @Range(min = 2)
        public int minBuffers = 64;
        @Range(min = 2)
        public int maxBuffers = 128;

        @Override
        public List<String> inconsistencies() {
            return minBuffers <= maxBuffers ? List.of()
                    : List.of("minBuffers: " + minBuffers + " is above maxBuffers " + maxBuffers);
        }
    }

    /** One provider to enable; keywords as a hex mask (matchAnyKeyword). */
    public static final class Provider implements ConsistencyCheck {
        private static final int INFORMATIONAL = 4;

        @NotBlank
        public String name;
        public String guid;
        /** 1 critical .. 5 verbose; 0 and 255: everything. */
        @Range(min = 0, max = 255)
        public int level = INFORMATIONAL;
        public String keywords = "0x0";
        /** Ask for a rundown of the current state (Kernel-Process: every running process). */
        public boolean captureState;

        public Provider() {}

        Provider(EtwProvider provider, String keywords, boolean captureState) {
            this.name = provider.providerName();
            this.guid = provider.guidText();
            this.keywords = keywords;
            this.captureState = captureState;
        }

        @Override
        public List<String> inconsistencies() {
            List<String> problems = new ArrayList<>();
            try {
                UUID.fromString(guid);
            } catch (IllegalArgumentException e) {
                problems.add("guid: '" + guid + "' is not a GUID (8-4-4-4-12 hex digits, no braces)");
            }
            try {
                keywordMask();
            } catch (NumberFormatException e) {
                problems.add("keywords: '" + keywords + "' is not a hex mask of up to 16 digits, e.g. 0x30");
            }
            return problems;
        }

        public long keywordMask() {
            String hex = keywords.startsWith("0x") || keywords.startsWith("0X") ? keywords.substring(2) : keywords;
            return Long.parseUnsignedLong(hex, 16);
        }
    }

    /** What is not forwarded. The defaults drop localhost lookups; the collector's own PID is always dropped. */
    public static final class Filters {
        public List<String> includeProviders = new ArrayList<>();
        public List<String> excludeProviders = new ArrayList<>();
        public List<Integer> excludeEventIds = new ArrayList<>();
        public List<String> excludeImages = new ArrayList<>();
        public List<String> excludeQueryNames = new ArrayList<>(List.of("localhost", "*.localhost"));
    }

    /**
     * Coalesced transfers (docs/contract/raw-events.md, "Collector records", id 2): one record per
     * connection per burst window instead of every Kernel-Network send and receive.
     */
    public static final class Coalesce implements ConsistencyCheck {
        /** On by default: the detection corpus alerts alike either way (docs/PERFORMANCE.md, "Fewer events per host"). */
        public boolean enabled = true;
        /** A window closes after this long without a transfer; keep it at most the job's correlation.callbackGapMillis. */
        @Range(min = 1, max = 60_000)
        public long idleGapMillis = CoalesceSettings.DEFAULT_IDLE_GAP.toMillis();
        /** A window closes at the latest this long after its first transfer; keep the job's bucketSeconds a multiple of it. */
        @Range(min = 1, max = 60_000)
        public long maxSpanMillis = CoalesceSettings.DEFAULT_MAX_SPAN.toMillis();
        /** Windows open at once at most; one more flushes the oldest early (counted, never dropped). */
        @Range(min = 1, max = 1_000_000)
        public int maxOpenWindows = CoalesceSettings.DEFAULT_MAX_OPEN_WINDOWS;

        @Override
        public List<String> inconsistencies() {
            return idleGapMillis <= maxSpanMillis ? List.of()
                    : List.of("idleGapMillis: " + idleGapMillis + " is above maxSpanMillis " + maxSpanMillis);
        }

        public CoalesceSettings settings() {
            return new CoalesceSettings(enabled, Duration.ofMillis(idleGapMillis), Duration.ofMillis(maxSpanMillis),
                    maxOpenWindows);
        }
    }

    /** Where records go: key = host, value = the contract's JSON. */
    public static final class Kafka {
        @NotBlank
        public String bootstrapServers = "localhost:9092";
        @NotBlank
        public String topic = "etw.raw";
        /** Passed to the producer as-is: security.protocol, sasl.*, ssl.* … */
        public Map<String, String> properties = new LinkedHashMap<>();
    }

    /** The disk spool used while Kafka is unreachable. */
    public static final class Spool {
        /** Empty: {@code spool} under the collector's data directory (%ProgramData%\etwcorr, ~/.local/share/etwcorr). */
        public String directory = "";
        @Range(min = 1)
        public long maxBytes = 1L << 30;
        /** A spool written for another cluster or topic is deleted instead of set aside beside the directory. */
        public boolean discardForeign = false;
    }

    /** Reads {@code file} (null: none, the defaults) and applies {@code overrides} ({@code key=value}) in order. */
    public static CollectorConfig load(Path file, List<String> overrides) {
        return YamlConfig.load(CollectorConfig.class, file, overrides);
    }
}
