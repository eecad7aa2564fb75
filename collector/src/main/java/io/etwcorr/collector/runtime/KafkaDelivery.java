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
        return start(sinkConfig(config));
    }

    public static SpoolingKafkaSink start(SpoolingKafkaSinkConfig sinkConfig) {
        LOG.info("delivering to {} of {} (spool {}) with client properties {}", sinkConfig.topic(),
                sinkConfig.bootstrapServers(), sinkConfig.spoolDirectory(), SecretProperties.redacted(sinkConfig.clientProperties()));
        return SpoolingKafkaSink.start(sinkConfig);
    }

    /** The live collector's delivery settings: a full queue drops (ETW cannot wait), counted in the heartbeat. */
    public static SpoolingKafkaSinkConfig sinkConfig(CollectorConfig config) {
        Path spool = CollectorPaths.spoolDirectory(config);
        SpoolingKafkaSinkConfig defaults = SpoolingKafkaSinkConfig.defaults(config.kafka.bootstrapServers, spool);
        return new SpoolingKafkaSinkConfig(config.kafka.bootstrapServers, config.kafka.topic,
                spool, config.spool.maxBytes, config.queueCapacity, defaults.stallTimeout(), defaults.retryBackoff(),
                CLOSE_TIMEOUT, config.kafka.properties, false, config.spool.discardForeign);
    }
}
