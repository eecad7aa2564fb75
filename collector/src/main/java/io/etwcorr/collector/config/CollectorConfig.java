package io.etwcorr.collector.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collector's configuration (one YAML file per host or per fleet; `deploy/windows/collector.yaml`
 * is the documented example). Unknown keys are errors: a typo must not silently disable a filter.
 */
public final class CollectorConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The host identifier in every record; empty: the computer's DNS name. */
    public String host = "";
    public Session session = new Session();
    public List<Provider> providers = new ArrayList<>(List.of(
            new Provider("Microsoft-Windows-Kernel-Process", "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716", 4, "0x30", true),
            new Provider("Microsoft-Windows-DNS-Client", "1c95126e-7eea-49a9-a3fe-a378b03ddb4d", 4, "0x0", false),
            new Provider("Microsoft-Windows-Kernel-Network", "7dd42a49-5329-4832-8dfd-43d979153a88", 4, "0x30", false)));
    public Filters filters = new Filters();
    /** Records decoded but not yet handed to delivery; when full, new ones are dropped and counted. */
    public int queueCapacity = 65_536;
    public long heartbeatSeconds = 10;
    public Kafka kafka = new Kafka();
    public Spool spool = new Spool();
    public String serviceName = "etwcorr-collector";

    /** The real-time ETW session. */
    public static final class Session {
        public String name = "etwcorr";
        public int bufferSizeKb = 256;
        public int minBuffers = 64;
        public int maxBuffers = 128;
    }

    /** One provider to enable; keywords as a hex mask (matchAnyKeyword). */
    public static final class Provider {
        public String name;
        public String guid;
        public int level = 4;
        public String keywords = "0x0";
        /** Ask for a rundown of the current state (Kernel-Process: every running process). */
        public boolean captureState;

        public Provider() {}

        Provider(String name, String guid, int level, String keywords, boolean captureState) {
            this.name = name;
            this.guid = guid;
            this.level = level;
            this.keywords = keywords;
            this.captureState = captureState;
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

    /** Where records go: key = host, value = the contract's JSON. */
    public static final class Kafka {
        public String bootstrapServers = "localhost:9092";
        public String topic = "etw.raw";
        /** Passed to the producer as-is: security.protocol, sasl.*, ssl.* … */
        public Map<String, String> properties = new LinkedHashMap<>();
    }

    /** The disk spool used while Kafka is unreachable. */
    public static final class Spool {
        /** Empty: {@code spool} under the collector's data directory (%ProgramData%\etwcorr, ~/.local/share/etwcorr). */
        public String directory = "";
        public long maxBytes = 1L << 30;
        /** A spool written for another cluster or topic is deleted instead of set aside beside the directory. */
        public boolean discardForeign = false;
    }

    public static CollectorConfig load(Path file) {
        if (file == null) {
            return new CollectorConfig();
        }
        try {
            CollectorConfig config = YAML.readValue(Files.readString(file), CollectorConfig.class);
            return config == null ? new CollectorConfig() : config;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid collector config " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read collector config " + file + ": " + e.getMessage(), e);
        }
    }
}
