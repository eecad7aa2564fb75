package io.etwcorr.collector.runtime;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.schemas.config.SecretProperties;
import io.etwcorr.collector.delivery.SpoolingKafkaSink;
import io.etwcorr.collector.delivery.SpoolingKafkaSinkConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The collector's delivery as its config says: Kafka, with the disk spool while Kafka is unreachable. */
public final class KafkaDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDelivery.class);
    /** On stop, how long delivery keeps trying before it leaves the rest in the spool. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    private KafkaDelivery() {}

    public static SpoolingKafkaSink start(CollectorConfig config) {
        Path spool = Path.of(config.spool.directory);
        LOG.info("delivering to {} of {} with client properties {}", config.kafka.topic, config.kafka.bootstrapServers,
                SecretProperties.redacted(config.kafka.properties));
        SpoolingKafkaSinkConfig defaults = SpoolingKafkaSinkConfig.defaults(config.kafka.bootstrapServers, spool);
        return SpoolingKafkaSink.start(new SpoolingKafkaSinkConfig(config.kafka.bootstrapServers, config.kafka.topic,
                spool, config.spool.maxBytes, config.queueCapacity, defaults.stallTimeout(), defaults.retryBackoff(),
                CLOSE_TIMEOUT, config.kafka.properties));
    }
}
