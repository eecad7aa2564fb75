package io.etwcorr.collector.cli;

import io.etwcorr.collector.config.CollectorConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The collector's config file and a Kafka override, shared by its commands. */
final class CollectorOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Collector config (YAML; deploy/windows/collector.yaml lists every key).")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (config: kafka.bootstrapServers).")
    String bootstrapServers;

    CollectorConfig load() {
        CollectorConfig config = CollectorConfig.load(configFile);
        if (bootstrapServers != null) {
            config.kafka.bootstrapServers = bootstrapServers;
        }
        return config;
    }
}
