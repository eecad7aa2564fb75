package io.etwcorr.collector.cli;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.delivery.DeliveryStats;
import io.etwcorr.collector.delivery.DiskSpool;
import io.etwcorr.collector.delivery.ReplaySource;
import io.etwcorr.collector.delivery.SpoolingKafkaSink;
import io.etwcorr.collector.delivery.SpoolingKafkaSinkConfig;
import io.etwcorr.collector.runtime.KafkaDelivery;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code collector replay}: a recorded raw-event file through the collector's own delivery (Kafka +
 * spool). A file can wait, so replay never drops: it waits whenever Kafka or the queue is full, and
 * exits 0 only when Kafka acknowledged every record.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Send a recorded raw-event file (JSONL, optionally .gz) to Kafka through the collector's "
                + "producer and disk spool, as fast as Kafka takes it or at the recorded pace. Lines that are not "
                + "valid raw events are sent as they are, so the job dead-letters them as analyze does. "
                + "Exit 0 only when Kafka acknowledged every line.")
final class ReplayCommand implements Callable<Integer> {
    /** Replay waits for Kafka rather than giving up on it as quickly as the live collector does. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(120);

    @Spec
    CommandSpec spec;

    @Mixin
    CollectorOptions options;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The recorded events.")
    Path input;

    @Option(names = "--realtime", description = "Keep the recorded pace (same as --speed 1).")
    boolean realtime;

    @Option(names = "--speed", defaultValue = "0",
            description = "Recorded seconds per wall second; 0 (the default) for as fast as Kafka takes them.")
    double speed;

    @Option(names = "--spool", paramLabel = "DIR",
            description = "Spool directory (default: a new temporary one, removed when everything was delivered).")
    Path spoolDirectory;

    @Override
    public Integer call() throws Exception {
        CollectorConfig config = options.load();
        Path spool = spoolDirectory != null ? spoolDirectory : Files.createTempDirectory("etwcorr-replay-spool-");
        SpoolingKafkaSinkConfig sinkConfig = KafkaDelivery.sinkConfig(config)
                .withSpoolDirectory(spool)
                .withBackpressure(true)
                .withTimeouts(STALL_TIMEOUT, Duration.ofSeconds(1), CLOSE_TIMEOUT);
        SpoolingKafkaSink delivery = KafkaDelivery.start(sinkConfig);
        ReplaySource.ReplayCounts counts;
        try {
            counts = ReplaySource.replay(input, delivery, realtime ? 1 : speed);
        } finally {
            delivery.close(); // sends what is queued or leaves it in the spool: the counts below are final
        }
        DeliveryStats stats = delivery.stats();
        long undelivered = delivery.pendingInSpool();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("replay: %,d records and %,d malformed lines from %s -> %s at %s "
                        + "(%,d acknowledged, %,d spooled, %,d dropped, %,d undelivered)%n",
                counts.sent(), counts.malformed(), input, config.kafka.topic, config.kafka.bootstrapServers,
                stats.sent(), stats.spooled(), stats.dropped(), undelivered);
        if (delivery.setAsideSpool() != null) {
            out.printf("replay: the spool held records for another cluster or topic; set aside as %s%n", delivery.setAsideSpool());
        }
        boolean complete = undelivered == 0 && stats.dropped() == 0 && counts.malformed() == counts.malformedForwarded();
        if (!complete) {
            out.printf("replay: NOT every record reached Kafka; %,d wait in the spool %s (replay again with --spool %s)%n",
                    undelivered, spool, spool);
        } else if (spoolDirectory == null) {
            DiskSpool.delete(spool);
        }
        return complete ? 0 : 1;
    }
}
