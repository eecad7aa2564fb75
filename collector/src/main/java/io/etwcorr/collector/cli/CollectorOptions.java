package io.etwcorr.collector.cli;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.delivery.SpoolingKafkaSink;
import io.etwcorr.collector.delivery.SpoolingKafkaSinkConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The collector's config file, shared by its commands, and the delivery it configures. */
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

    /** Kafka delivery with the disk spool, as the config says. */
    static SpoolingKafkaSink delivery(CollectorConfig config) {
        SpoolingKafkaSinkConfig defaults = SpoolingKafkaSinkConfig.defaults(config.kafka.bootstrapServers,
                Path.of(config.spool.directory));
        return SpoolingKafkaSink.start(new SpoolingKafkaSinkConfig(config.kafka.bootstrapServers, config.kafka.topic,
                Path.of(config.spool.directory), config.spool.maxBytes, config.queueCapacity, defaults.stallTimeout(),
                defaults.retryBackoff(), Duration.ofSeconds(30), config.kafka.properties));
    }
}
