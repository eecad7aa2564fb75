package io.etwcorr.collector.session;

import com.sun.jna.Pointer;
import io.etwcorr.collector.coalesce.CoalesceSettings;
import io.etwcorr.collector.coalesce.TransferCoalescer;
import io.etwcorr.collector.delivery.DeliveryStats;
import io.etwcorr.collector.delivery.EventSink;
import io.etwcorr.collector.enrich.Enrichment;
import io.etwcorr.collector.etw.EventRecordCallback;
import io.etwcorr.schemas.raw.RawEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes a trace: the live session in real time, or a recorded file to its end. ProcessTrace
 * runs on its own thread and its callback only decodes, filters and offers to a bounded queue;
 * for the live session it drops (and counts) when the queue is full, so ETW is never blocked. A
 * sender thread drains the queue, adds the {@code x} enrichment (host lookups stay off ETW's
 * thread), numbers every record it emits 0, 1, 2, … under one run id, and emits a heartbeat every
 * interval through the same numbering. With coalescing on, the sender first hands Kernel-Network
 * sends and receives to a {@link TransferCoalescer}, which closes idle windows on a periodic tick.
 */
public final class TraceConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TraceConsumer.class);
    /** Longest the sender waits for an event before it looks at the heartbeat clock again. */
    private static final long IDLE_POLL_MILLIS = 50;
    private static final Duration THREAD_STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How often the sender closes the coalescer's idle windows (in the consumer's time). */
    private static final long COALESCE_TICK_MICROS = 50_000;
    /**
     * A live session delivers each CPU's buffer up to its flush timer (1 s) late, so while events
     * flow their own time closes windows; the wall clock, this far behind, closes them when none do.
     */
    private static final long LIVE_DELIVERY_LAG_MICROS = 2_000_000;

    private final EtwApi api;
    private final TraceSource source;
    private final boolean realTime;
    private final EventRecordDecoder decoder;
    private final EventFilter filter;
    private final EventSink sink;
    private final Enrichment enrichment;
    private final ConsumerSettings settings;
    /** Null when coalescing is off. */
    private final TransferCoalescer coalescer;
    private final Clock clock;
    private final BlockingQueue<RawEvent> queue;
    private final String run = UUID.randomUUID().toString();
    private final int ownPid = (int) ProcessHandle.current().pid();
    // Referenced here so the JNA callback cannot be collected while ETW may still call it.
    private final EventRecordCallback callback = this::onEventRecord;
    private final LongAdder queueDrops = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder sinkFailures = new LongAdder();

    // Written by the sender thread only; volatile for stats().
    private volatile long emitted;
    private volatile boolean draining;
    private volatile int traceStatus;
    private long newestEventMicros = Long.MIN_VALUE;
    private long lastCoalesceTickMicros = Long.MIN_VALUE;
    private Instant nextHeartbeat;
    private long consumerHandle;
    private Thread traceThread;
    private Thread senderThread;
    private boolean started;
    private boolean closed;

    public TraceConsumer(EtwApi api, TraceSource source, EventRecordDecoder decoder, EventFilter filter,
            EventSink sink, Enrichment enrichment, ConsumerSettings settings, Clock clock) {
        this(api, source, decoder, filter, sink, enrichment, settings, CoalesceSettings.OFF, clock);
    }

    public TraceConsumer(EtwApi api, TraceSource source, EventRecordDecoder decoder, EventFilter filter,
            EventSink sink, Enrichment enrichment, ConsumerSettings settings, CoalesceSettings coalesce, Clock clock) {
        this.api = api;
        this.source = source;
        this.realTime = source.realTime();
        this.decoder = decoder;
        this.filter = filter;
        this.sink = sink;
        this.enrichment = enrichment;
        this.settings = settings;
        this.coalescer = coalesce.enabled() ? new TransferCoalescer(coalesce, this::emit) : null;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    /**
     * Opens the source's trace and starts the trace and sender threads.
     *
     * @throws EtwCallException when the trace cannot be opened
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the consumer was already started");
        }
        consumerHandle = source.open(callback);
        started = true;
        nextHeartbeat = clock.instant().plus(settings.heartbeatInterval());
        traceThread = new Thread(this::processTrace, "etw-process-trace");
        traceThread.setDaemon(true);
        senderThread = new Thread(this::sendLoop, "etw-sender");
        senderThread.setDaemon(true);
        senderThread.start();
        traceThread.start();
    }

    /** This run's id, the envelope's {@code run}. */
    public String run() {
        return run;
    }

    public ConsumerStats stats() {
        return new ConsumerStats(emitted, queueDrops.sum(), sinkFailures.sum(), filtered.sum(), decoder.undecoded(),
                decoder.malformed());
    }

    /**
     * Waits up to {@code timeout} for ProcessTrace to return by itself, as it does at the end of a
     * trace file.
     *
     * @return whether it returned
     */
    public boolean awaitTraceEnd(Duration timeout) throws InterruptedException {
        Thread thread;
        synchronized (this) {
            if (!started) {
                throw new IllegalStateException("the consumer was not started");
            }
            thread = traceThread;
        }
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    /** ProcessTrace's Win32 status once it returned (0 = success). */
    public int traceStatus() {
        return traceStatus;
    }

    /**
     * Closes the trace, waits for ProcessTrace to return, sends what is queued and a last heartbeat,
     * then closes the sink (which flushes it). The session itself stays for its owner to stop.
     */
    @Override
    public synchronized void close() {
        if (!started || closed) {
            return;
        }
        closed = true;
        api.closeTrace(consumerHandle);
        join(traceThread);
        draining = true;
        join(senderThread);
        enrichment.close();
        sink.close();
    }

    // ETW's thread: a live session's callback must return quickly whatever happens downstream; a
    // file's may wait for room in the queue, since a file loses nothing by being read slower.
    private void onEventRecord(Pointer eventRecord) {
        if (decoder.decode(eventRecord) instanceof DecodeResult.Decoded decoded) {
            if (!filter.accepts(decoded.event())) {
                filtered.increment();
            } else if (!enqueue(decoded.event())) {
                queueDrops.increment();
            }
        }
    }

    private boolean enqueue(RawEvent event) {
        if (realTime) {
            return queue.offer(event);
        }
        try {
            queue.put(event);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void processTrace() {
        int status = api.processTrace(consumerHandle);
        traceStatus = status;
        if (status != 0) {
            LOG.warn("ProcessTrace on {} returned Win32 error {}", source.description(), status);
        }
    }

    private void sendLoop() {
        try {
            while (true) {
                RawEvent next = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (next != null) {
                    newestEventMicros = Math.max(newestEventMicros, next.ts());
                    if (coalescer != null) {
                        coalescer.accept(next);
                    } else {
                        emit(next);
                    }
                } else if (draining) {
                    break;
                }
                Instant now = clock.instant();
                if (coalescer != null) {
                    tickCoalescer(now);
                }
                if (!now.isBefore(nextHeartbeat)) {
                    emitHeartbeat(now);
                    nextHeartbeat = now.plus(settings.heartbeatInterval());
                }
            }
            if (coalescer != null) {
                coalescer.flush();
            }
            emitHeartbeat(clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes idle windows: in event time for a file, the later of event time and lagging wall clock live. */
    private void tickCoalescer(Instant now) {
        long tickMicros = newestEventMicros;
        if (realTime) {
            tickMicros = Math.max(tickMicros, ChronoUnit.MICROS.between(Instant.EPOCH, now) - LIVE_DELIVERY_LAG_MICROS);
        }
        if (tickMicros == Long.MIN_VALUE) {
            return; // nothing read yet
        }
        if (lastCoalesceTickMicros == Long.MIN_VALUE || tickMicros - lastCoalesceTickMicros >= COALESCE_TICK_MICROS) {
            lastCoalesceTickMicros = tickMicros;
            coalescer.tick(tickMicros);
        }
    }

    private void emitHeartbeat(Instant now) {
        DeliveryStats delivery = sink.stats();
        long dropped = delivery.dropped() + queueDrops.sum() + sinkFailures.sum();
        long tsMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        if (!realTime && newestEventMicros != Long.MIN_VALUE) {
            tsMicros = newestEventMicros;
        }
        accept(CollectorHeartbeat.of(settings.host(), run, emitted, tsMicros, ownPid, source.losses(), delivery, dropped,
                source.providerNames()));
    }

    private void emit(RawEvent event) {
        accept(new RawEvent(event.v(), settings.host(), run, emitted, event.ts(), event.provider(), event.guid(), event.id(),
                event.ver(), event.opcode(), event.pid(), event.tid(), event.props(), enrichment.x(event), event.pkey()));
    }

    /** Hands one numbered record to the sink; a refused record keeps its number, so downstream sees the gap. */
    private void accept(RawEvent record) {
        emitted++;
        try {
            sink.accept(record);
        } catch (RuntimeException e) {
            sinkFailures.increment();
            LOG.warn("the sink refused record {} of run {}", record.seq(), run, e);
        }
    }

    /** Waits a bounded time for {@code thread} to end, and says so when it did not. */
    static void join(Thread thread) {
        try {
            thread.join(THREAD_STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within {}", thread.getName(), THREAD_STOP_TIMEOUT);
        }
    }
}
