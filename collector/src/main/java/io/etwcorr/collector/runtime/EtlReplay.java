package io.etwcorr.collector.runtime;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.delivery.EventSink;
import io.etwcorr.collector.enrich.Enrichment;
import io.etwcorr.collector.session.ConsumerSettings;
import io.etwcorr.collector.session.ConsumerStats;
import io.etwcorr.collector.session.EtlFile;
import io.etwcorr.collector.session.EtwApi;
import io.etwcorr.collector.session.EventFilter;
import io.etwcorr.collector.session.EventRecordDecoder;
import io.etwcorr.collector.session.TraceConsumer;
import java.time.Clock;
import java.time.Duration;

/**
 * A recorded {@code .etl} trace through the collector's own consumer loop, decoders and filter into
 * a sink, once, to the end of the file. The records carry the host the trace was recorded on; they
 * get no {@code x} enrichment (its processes are not running here), and only the config's filter
 * rules apply: the replaying process is not the one that was traced, so its PID means nothing.
 */
public final class EtlReplay {

    /**
     * @param run the run id of the records
     * @param stats the consumer's counters (records emitted include one final heartbeat)
     * @param traceStatus ProcessTrace's Win32 status (0 = the whole file was read)
     */
    public record Result(String run, ConsumerStats stats, int traceStatus) {
    }

    private EtlReplay() {
    }

    /**
     * Replays {@code etl} into {@code sink}, which is closed afterwards (also when the file cannot be opened).
     *
     * @param host the host the trace was recorded on (the records' {@code host})
     * @param timeout longest the file may take; past it the trace is closed and the result says so
     * @throws io.etwcorr.collector.session.EtwCallException when the file cannot be opened
     * @throws IllegalStateException when the file took longer than {@code timeout}
     */
    public static Result run(CollectorConfig config, EtwApi api, EventRecordDecoder decoder, EtlFile etl, String host,
            EventSink sink, Duration timeout) throws InterruptedException {
        EventFilter filter = CollectorRuntime.filter(config, EventFilter.builder().dropLocalhostLookups(true));
        TraceConsumer consumer = new TraceConsumer(api, etl, decoder, filter, sink, Enrichment.NONE,
                new ConsumerSettings(host, config.queueCapacity, Duration.ofSeconds(config.heartbeatSeconds)),
                config.coalesce.settings(), Clock.systemUTC());
        try {
            consumer.start();
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
        boolean ended;
        try {
            ended = consumer.awaitTraceEnd(timeout);
        } finally {
            consumer.close(); // drains the queue, adds the last heartbeat, closes the sink
        }
        if (!ended) {
            throw new IllegalStateException(etl.description() + " was not read to its end within " + timeout + "; "
                    + consumer.stats().emitted() + " records went out before it was closed");
        }
        return new Result(consumer.run(), consumer.stats(), consumer.traceStatus());
    }
}
