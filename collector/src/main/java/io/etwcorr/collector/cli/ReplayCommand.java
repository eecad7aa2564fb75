package io.etwcorr.collector.cli;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.delivery.DeliveryStats;
import io.etwcorr.collector.delivery.ReplaySource;
import io.etwcorr.collector.delivery.SpoolingKafkaSink;
import io.etwcorr.collector.runtime.KafkaDelivery;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code collector replay}: a recorded raw-event file through the collector's own delivery (Kafka + spool). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Send a recorded raw-event file (JSONL, optionally .gz) to Kafka through the collector's "
                + "producer and disk spool, as fast as possible or at the recorded pace.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CollectorOptions options;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The recorded events.")
    Path input;

    @Option(names = "--realtime", description = "Keep the recorded pace (same as --speed 1).")
    boolean realtime;

    @Option(names = "--speed", defaultValue = "0",
            description = "Recorded seconds per wall second; 0 (the default) for as fast as possible.")
    double speed;

    @Override
    public Integer call() throws Exception {
        CollectorConfig config = options.load();
        SpoolingKafkaSink delivery = KafkaDelivery.start(config);
        ReplaySource.ReplayCounts counts;
        try {
            counts = ReplaySource.replay(input, delivery, realtime ? 1 : speed);
        } finally {
            delivery.close(); // sends or spools what is queued: the counts below are final
        }
        DeliveryStats stats = delivery.stats();
        spec.commandLine().getOut().printf(
                "replay: %,d records from %s -> %s at %s (%,d sent, %,d spooled, %,d dropped, %,d undecodable lines)%n",
                counts.sent(), input, config.kafka.topic, config.kafka.bootstrapServers, stats.sent(), stats.spooled(),
                stats.dropped(), counts.undecodable());
        return counts.undecodable() == 0 && stats.dropped() == 0 ? 0 : 1;
    }
}
