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

    @Option(names = "--discard-foreign-spool",
            description = "Delete a spool written for another cluster or topic instead of setting it aside (config: spool.discardForeign).")
    boolean discardForeignSpool;

    CollectorConfig load() {
        CollectorConfig config = CollectorConfig.load(configFile);
        if (bootstrapServers != null) {
            config.kafka.bootstrapServers = bootstrapServers;
        }
        if (discardForeignSpool) {
            config.spool.discardForeign = true;
        }
        return config;
    }
}
