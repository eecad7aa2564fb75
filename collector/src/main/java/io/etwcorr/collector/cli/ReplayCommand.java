package io.etwcorr.collector.cli;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.delivery.DeliveryStats;
import io.etwcorr.collector.delivery.DiskSpool;
import io.etwcorr.collector.delivery.EventSink;
import io.etwcorr.collector.delivery.JsonLinesFileSink;
import io.etwcorr.collector.delivery.ReplaySource;
import io.etwcorr.collector.delivery.SpoolingKafkaSink;
import io.etwcorr.collector.delivery.SpoolingKafkaSinkConfig;
import io.etwcorr.collector.runtime.EtlReplay;
import io.etwcorr.collector.runtime.HostName;
import io.etwcorr.collector.runtime.KafkaDelivery;
import io.etwcorr.collector.session.EtlFile;
import io.etwcorr.collector.session.EventRecordDecoder;
import io.etwcorr.collector.session.NativeEtwApi;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code collector replay}: a recorded raw-event file through the collector's own delivery (Kafka +
 * spool), or a recorded {@code .etl} trace through its consumer loop and decoders (Windows). A
 * raw-event file can wait, so its replay never drops: it waits whenever Kafka or the queue is full,
 * and exits 0 only when Kafka acknowledged every line.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Send a recorded raw-event file (JSONL, optionally .gz) to Kafka through the collector's "
                + "producer and disk spool, as fast as Kafka takes it or at the recorded pace. Lines that are not "
                + "valid raw events are sent as they are, so the job dead-letters them as analyze does. "
                + "Exit 0 only when Kafka acknowledged every line.",
                "With --etl, read a trace recorded by logman, wpr or xperf (ETW file mode) to its end through the "
                + "collector's decoders, into Kafka or, with --out, into a raw-event file for `etwcorr analyze`. "
                + "Windows (OpenTrace and TDH)."})
final class ReplayCommand implements Callable<Integer> {
    /** Longest an .etl file may take to read; ProcessTrace reads a file far faster than a session fills one. */
    private static final Duration ETL_TIMEOUT = Duration.ofHours(6);
    /** A raw-event file's replay waits for Kafka rather than giving up on it as quickly as the live collector does. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(120);

    @Spec
    CommandSpec spec;

    @Mixin
    CollectorOptions options;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--input", required = true, paramLabel = "FILE", description = "Recorded raw events (JSONL[.gz]).")
        Path rawEvents;

        @Option(names = "--etl", required = true, paramLabel = "FILE.etl", description = "A recorded ETW trace file.")
        Path etl;
    }

    @Option(names = "--realtime", description = "Keep the recorded pace (same as --speed 1; raw-event files only).")
    boolean realtime;

    @Option(names = "--speed", defaultValue = "0",
            description = "Recorded seconds per wall second; 0 (the default) for as fast as possible (raw-event files only).")
    double speed;

    @Option(names = "--spool", paramLabel = "DIR",
            description = "Spool directory (default: a new temporary one, removed when everything was delivered).")
    Path spoolDirectory;

    @Option(names = "--host", paramLabel = "NAME",
            description = "With --etl: the host the trace was recorded on, the records' host (default: config host, "
                    + "else this computer's name).")
    String host;

    @Option(names = "--out", paramLabel = "FILE.jsonl[.gz]",
            description = "With --etl: write the records to this file instead of Kafka.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (input.etl == null && (host != null || out != null)) {
            throw new IllegalArgumentException("--host and --out go with --etl");
        }
        if (input.etl != null && (realtime || speed != 0)) {
            throw new IllegalArgumentException("--realtime and --speed go with --input: an .etl file is read as fast as possible");
        }
        CollectorConfig config = options.load();
        return input.etl == null ? replayRawEvents(config) : replayEtl(config);
    }

    private int replayRawEvents(CollectorConfig config) throws Exception {
        Path spool = spoolDirectory != null ? spoolDirectory : Files.createTempDirectory("etwcorr-replay-spool-");
        SpoolingKafkaSinkConfig sinkConfig = KafkaDelivery.sinkConfig(config)
                .withSpoolDirectory(spool)
                .withBackpressure(true)
                .withTimeouts(STALL_TIMEOUT, Duration.ofSeconds(1), CLOSE_TIMEOUT);
        SpoolingKafkaSink delivery = KafkaDelivery.start(sinkConfig);
        ReplaySource.ReplayCounts counts;
        try {
            counts = ReplaySource.replay(input.rawEvents, delivery, realtime ? 1 : speed);
        } finally {
            delivery.close(); // sends what is queued or leaves it in the spool: the counts below are final
        }
        DeliveryStats stats = delivery.stats();
        long undelivered = delivery.pendingInSpool();
        PrintWriter console = spec.commandLine().getOut();
        console.printf("replay: %,d records and %,d malformed lines from %s -> %s at %s "
                        + "(%,d acknowledged, %,d spooled, %,d dropped, %,d undelivered)%n",
                counts.sent(), counts.malformed(), input.rawEvents, config.kafka.topic, config.kafka.bootstrapServers,
                stats.sent(), stats.spooled(), stats.dropped(), undelivered);
        if (delivery.setAsideSpool() != null) {
            console.printf("replay: the spool held records for another cluster or topic; set aside as %s%n",
                    delivery.setAsideSpool());
        }
        boolean complete = undelivered == 0 && stats.dropped() == 0 && counts.malformed() == counts.malformedForwarded();
        if (!complete) {
            console.printf("replay: NOT every record reached Kafka; %,d wait in the spool %s (replay again with --spool %s)%n",
                    undelivered, spool, spool);
        } else if (spoolDirectory == null) {
            DiskSpool.delete(spool);
        }
        return complete ? 0 : 1;
    }

    private int replayEtl(CollectorConfig config) throws Exception {
        CliErrors.requireWindows("collector replay --etl");
        NativeEtwApi api = new NativeEtwApi();
        EtlFile etl = new EtlFile(api, input.etl); // a missing file fails before any output is opened
        String recordedOn = HostName.of(host != null ? host : config.host);
        EventSink sink = out != null ? JsonLinesFileSink.create(out) : KafkaDelivery.start(config);
        String destination = out != null ? out.toString() : config.kafka.topic + " at " + config.kafka.bootstrapServers;
        EtlReplay.Result result = EtlReplay.run(config, api, EventRecordDecoder.withTdhFallback(), etl, recordedOn, sink,
                ETL_TIMEOUT);
        DeliveryStats delivered = sink.stats();
        PrintWriter console = spec.commandLine().getOut();
        console.printf("replay: %,d records from %s -> %s (run %s; %,d filtered out, %,d undecoded, %,d malformed, "
                        + "%,d sent, %,d spooled, %,d dropped)%n",
                result.stats().emitted(), input.etl, destination, result.run(), result.stats().filtered(),
                result.stats().undecoded(), result.stats().malformed(), delivered.sent(), delivered.spooled(),
                delivered.dropped() + result.stats().sinkFailures());
        if (result.traceStatus() != 0) {
            console.printf("replay: ProcessTrace stopped with Win32 error %d before the end of %s%n", result.traceStatus(),
                    input.etl);
        }
        return result.traceStatus() == 0 && delivered.dropped() == 0 && result.stats().sinkFailures() == 0 ? 0 : 1;
    }
}
