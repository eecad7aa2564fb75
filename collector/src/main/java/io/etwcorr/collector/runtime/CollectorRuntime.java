package io.etwcorr.collector.runtime;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.delivery.EventSink;
import io.etwcorr.collector.enrich.HostQueries;
import io.etwcorr.collector.enrich.ProcessEnrichment;
import io.etwcorr.collector.service.Workload;
import io.etwcorr.collector.session.BufferSettings;
import io.etwcorr.collector.session.ConsumerSettings;
import io.etwcorr.collector.session.EtwApi;
import io.etwcorr.collector.session.EventFilter;
import io.etwcorr.collector.session.EventRecordDecoder;
import io.etwcorr.collector.session.ProviderSpec;
import io.etwcorr.collector.session.TraceConsumer;
import io.etwcorr.collector.session.TraceSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The collector, assembled from its config: delivery first (so nothing is decoded with nowhere to
 * go), then the ETW session, then the consumer; stopped in the reverse order, so the consumer
 * drains into delivery and delivery flushes (or spools) before the session goes.
 */
public final class CollectorRuntime implements Workload {
    private final CollectorConfig config;
    private final EtwApi api;
    private final HostQueries hostQueries;
    private final Function<CollectorConfig, EventSink> delivery;
    private TraceSession session;
    private TraceConsumer consumer;

    public CollectorRuntime(CollectorConfig config, EtwApi api, HostQueries hostQueries,
            Function<CollectorConfig, EventSink> delivery) {
        this.config = config;
        this.api = api;
        this.hostQueries = hostQueries;
        this.delivery = delivery;
    }

    @Override
    public synchronized void start() {
        EventSink sink = delivery.apply(config);
        try {
            session = new TraceSession(api, config.session.name, new BufferSettings(config.session.bufferSizeKb,
                    config.session.minBuffers, config.session.maxBuffers), providers(config));
            session.start();
            consumer = new TraceConsumer(api, session, EventRecordDecoder.withTdhFallback(), filter(config), sink,
                    new ProcessEnrichment(hostQueries, Clock.systemUTC(), ProcessEnrichment.DEFAULT_BUDGET),
                    new ConsumerSettings(HostName.of(config.host), config.queueCapacity,
                            Duration.ofSeconds(config.heartbeatSeconds)), config.coalesce.settings(), Clock.systemUTC());
            consumer.start();
        } catch (RuntimeException e) {
            if (session != null) {
                session.stop();
            }
            sink.close();
            throw e;
        }
    }

    @Override
    public synchronized void stop() {
        if (consumer != null) {
            consumer.close(); // drains the queue, sends a last heartbeat, closes delivery
        }
        if (session != null) {
            session.stop();
        }
    }

    static List<ProviderSpec> providers(CollectorConfig config) {
        return config.providers.stream()
                .map(p -> new ProviderSpec(UUID.fromString(p.guid), p.name, p.level, p.keywordMask(), p.captureState))
                .toList();
    }

    static EventFilter filter(CollectorConfig config) {
        return filter(config, EventFilter.defaults(ProcessHandle.current().pid()));
    }

    /** The config's filter rules added to {@code builder}. */
    static EventFilter filter(CollectorConfig config, EventFilter.Builder builder) {
        CollectorConfig.Filters filters = config.filters;
        filters.includeProviders.forEach(builder::includeProvider);
        filters.excludeProviders.forEach(builder::excludeProvider);
        filters.excludeEventIds.forEach(builder::excludeEventId);
        filters.excludeImages.forEach(builder::excludeImage);
        filters.excludeQueryNames.forEach(builder::excludeQueryName);
        return builder.build();
    }
}
