package io.etwcorr.jobs.sequence;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.output.OutputRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.internal.InternalListState;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per host (the key): drops duplicates per (run, seq), counts sequence gaps, late events and ETW
 * losses into etw.health, and releases the host's events in the host's own event-time order.
 *
 * <p>Time is kept per host, not by Flink watermarks, because hosts' clocks are skewed: a host ten
 * minutes behind another in the same Kafka partition would otherwise have all its events late. The
 * host's watermark is the newest timestamp it sent (events or heartbeats) minus the configured
 * lateness; events are buffered until the watermark passes them and then released sorted by
 * (ts, run, seq), so the correlation downstream is deterministic. An event older than the
 * watermark is counted as late and released at once. Whenever the watermark crosses a bucket
 * boundary, each process that had network or DNS activity gets a {@link EventKind#TICK} so that
 * its buckets close and its expired state goes, even when the process itself is silent.
 *
 * <p>A host that goes silent is flushed after {@code idleHostFlushSeconds} of wall time, or once the
 * fleet's event time (the Kafka job's watermark, {@code FleetClock}) is {@code idleHostFlushEventSeconds}
 * past its newest record, whichever comes first: a replayed file moves event time much faster than
 * the wall clock. Bounded input (analyze) is flushed at its end.
 *
 * <p>The reordering buffer is a list per watermark step (one second) of event time: a list state in
 * the namespace of its second, with the host's pending seconds in its {@link HostClock}. An event is
 * appended to its second's list (on RocksDB a merge, no read) and each list is read once, when the
 * watermark passes it; a map keyed by time would be a point lookup per event, and one list for
 * everything pending is read again at every step. Namespaces are out of a function's reach, so the
 * job runs this function through {@link #operator}, which hands it that state.
 */
public final class HostSequencer extends KeyedProcessFunction<String, EtwEvent, EtwEvent> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<OutputRecord> HEALTH = new OutputTag<>("health") {};

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int MAX_RUNS_PER_HOST = 16;
    /** Sorting key of released events: the host's event order, made total by run and seq. */
    private static final Comparator<EtwEvent> HOST_ORDER = Comparator
            .comparingLong((EtwEvent e) -> e.ts).thenComparing(e -> e.run).thenComparingLong(e -> e.seq);

    private final long latenessMicros;
    /** The smallest step the watermark advances by: each step reads what is pending. */
    private final long stepMicros;
    private final long bucketMicros;
    private final long healthIntervalMicros;
    private final long pidIdleMicros;
    private final long idleFlushMillis;
    private final long idleFlushEventMillis;
    private final int dedupeWindow;

    private transient ValueState<HostClock> clock;
    /** The reordering buffer: events pending release, in the namespace of their second ({@link #stepOf}). */
    private transient InternalListState<String, Long, EtwEvent> pendingBySecond;
    /** The buffer of builds before the per-second lists, read once per host restored from them. */
    private transient ListState<EtwEvent> legacyPending;
    private transient MapState<String, SequenceWindow> runs;
    private transient MapState<Long, Long> activePids;
    private transient MapState<Long, HealthCounters> health;
    /** The health counters' running totals as Flink metrics, for the cluster's metric reporters. */
    private transient Counter lateEvents;
    private transient Counter sequenceGaps;
    private transient Counter duplicates;

    /** The sequencer as the job runs it, with its per-second reordering buffer. */
    public static KeyedProcessOperator<String, EtwEvent, EtwEvent> operator(EtwcorrConfig.Correlation config) {
        return new Operator(new HostSequencer(config));
    }

    private HostSequencer(EtwcorrConfig.Correlation config) {
        this.latenessMicros = config.latenessSeconds * MICROS_PER_SECOND;
        this.stepMicros = Math.min(MICROS_PER_SECOND, Math.max(1, latenessMicros));
        this.bucketMicros = config.bucketSeconds * MICROS_PER_SECOND;
        this.healthIntervalMicros = config.healthIntervalSeconds * MICROS_PER_SECOND;
        // A process stays "active" as long as any of its state downstream may still need a tick.
        this.pidIdleMicros = (Math.max(config.dnsTtlSeconds, config.bucketSeconds) + config.bucketSeconds)
                * MICROS_PER_SECOND;
        this.idleFlushMillis = config.idleHostFlushSeconds * 1000L;
        this.idleFlushEventMillis = config.idleHostFlushEventSeconds * 1000L;
        this.dedupeWindow = config.dedupeWindow;
    }

    @Override
    public void open(OpenContext openContext) {
        clock = getRuntimeContext().getState(new ValueStateDescriptor<>("clock", HostClockSerializer.INSTANCE));
        legacyPending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", EtwEvent.class));
        runs = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("run-windows", StringSerializer.INSTANCE, SequenceWindowSerializer.INSTANCE));
        activePids = getRuntimeContext().getMapState(new MapStateDescriptor<>("active-pids", Types.LONG, Types.LONG));
        health = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("health", LongSerializer.INSTANCE, HealthCountersSerializer.INSTANCE));
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
        sequenceGaps = getRuntimeContext().getMetricGroup().counter("sequenceGaps");
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
    }

    @Override
    public void processElement(EtwEvent event, Context ctx, Collector<EtwEvent> out) throws Exception {
        HealthCounters counters = counters(event.ts);
        counters.received++;
        SequenceWindow.Outcome outcome = acceptSequence(event, counters);
        if (outcome == SequenceWindow.Outcome.DUPLICATE) {
            counters.duplicates++;
            duplicates.inc();
            health.put(intervalStart(event.ts), counters);
            return;
        }
        boolean late = outcome == SequenceWindow.Outcome.BELOW_WINDOW;
        HostClock time = clock();
        if (!time.bufferPerSecond) {
            adoptLegacyBuffer(time);
        }
        switch (event.kind) {
            case HEARTBEAT -> countHeartbeat(event, counters);
            case PASSED_OVER -> counters.passedOver++;
            case INVALID -> counters.deadLetters++;
            default -> {
                if (event.ts < time.watermark) {
                    late = true;
                    release(event, out);
                } else {
                    hold(event, time);
                }
            }
        }
        if (late) {
            counters.late++;
            lateEvents.inc();
        }
        health.put(intervalStart(event.ts), counters);

        if (time.newestTs == HostClock.NONE) {
            // Bounded input (analyze) ends with the final watermark, which fires this timer.
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        if (time.newestTs == HostClock.NONE || event.ts > time.newestTs) {
            time.newestTs = event.ts;
            long candidate = event.ts - latenessMicros;
            // Advance in steps of at least a second: each advance sorts what it releases.
            if (time.watermark == HostClock.NONE || candidate - time.watermark >= stepMicros) {
                advance(candidate, time, out, ctx);
            }
        }
        armIdleTimer(time, ctx);
        armEventTimeIdleTimer(time, ctx);
        clock.update(time);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EtwEvent> out) throws Exception {
        HostClock time = clock();
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            if (timestamp == Long.MAX_VALUE) {
                flush(Long.MAX_VALUE, time, out, ctx); // the input ended: everything is final
            } else {
                onEventTimeIdleTimer(timestamp, time, out, ctx);
            }
        } else {
            time.idleTimer = HostClock.NONE;
            long due = time.lastSeenWall + idleFlushMillis;
            if (due > timestamp) {
                time.idleTimer = due;
                ctx.timerService().registerProcessingTimeTimer(due);
            } else {
                flushSilentHost(time, out, ctx);
            }
        }
        clock.update(time);
    }

    /** The fleet's time passed this host's newest record by the event-time idle limit: flush, unless it sent more since. */
    private void onEventTimeIdleTimer(long timestamp, HostClock time, Collector<EtwEvent> out, Context ctx)
            throws Exception {
        time.eventTimeIdleTimer = HostClock.NONE;
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return; // the input ended: the end-of-input timer flushes everything
        }
        long due = time.newestTs / 1000 + idleFlushEventMillis;
        if (due > timestamp) {
            time.eventTimeIdleTimer = due;
            ctx.timerService().registerEventTimeTimer(due);
        } else {
            flushSilentHost(time, out, ctx); // the next record of this host arms the timer again
        }
    }

    /**
     * The host is silent (its collector stopped or cannot reach Kafka): release what it sent and
     * close its last bucket, but keep its processes, which are likely still running.
     */
    private void flushSilentHost(HostClock time, Collector<EtwEvent> out, Context ctx) throws Exception {
        if (time.newestTs != HostClock.NONE) {
            flush(time.newestTs + Math.max(bucketMicros, healthIntervalMicros), time, out, ctx);
        }
    }

    /** Releases everything pending and moves the host's clock to {@code until}, counting the open gaps. */
    private void flush(long until, HostClock time, Collector<EtwEvent> out, Context ctx) throws Exception {
        long newest = time.newestTs;
        if (newest == HostClock.NONE) {
            return;
        }
        long gaps = 0;
        for (Map.Entry<String, SequenceWindow> run : runs.entries()) {
            SequenceWindow window = run.getValue();
            gaps += window.countOpenGaps();
            run.setValue(window);
        }
        if (gaps > 0) {
            HealthCounters counters = counters(newest);
            counters.sequenceGaps += gaps;
            sequenceGaps.inc(gaps);
            health.put(intervalStart(newest), counters);
        }
        advance(until, time, out, ctx);
        // After a flush the host starts afresh; its dedupe windows and process list are kept.
        time.watermark = newest;
        time.lastTickBoundary = HostClock.NONE;
    }

    /** Records the event's (run, seq) and counts the gaps it revealed; duplicates and late ones are the caller's. */
    private SequenceWindow.Outcome acceptSequence(EtwEvent event, HealthCounters counters) throws Exception {
        if (event.seq < 0) {
            return SequenceWindow.Outcome.NEW; // an export without record numbers: nothing to de-duplicate or count
        }
        SequenceWindow window = runs.get(event.run);
        boolean newRun = window == null;
        if (newRun) {
            window = new SequenceWindow(dedupeWindow);
            counters.runs++;
            evictOldestRunIfFull();
        }
        long[] gaps = {0};
        SequenceWindow.Outcome outcome = window.accept(event.seq, gaps);
        counters.sequenceGaps += gaps[0];
        sequenceGaps.inc(gaps[0]);
        window.lastTs = Math.max(window.lastTs, event.ts);
        runs.put(event.run, window);
        return outcome;
    }

    private void evictOldestRunIfFull() throws Exception {
        String oldest = null;
        long oldestTs = Long.MAX_VALUE;
        int count = 0;
        for (Map.Entry<String, SequenceWindow> run : runs.entries()) {
            count++;
            if (run.getValue().lastTs < oldestTs) {
                oldestTs = run.getValue().lastTs;
                oldest = run.getKey();
            }
        }
        if (count >= MAX_RUNS_PER_HOST) {
            runs.remove(oldest);
        }
    }

    /** Heartbeats carry the collector's counters since its start: the interval gets the increase. */
    private void countHeartbeat(EtwEvent heartbeat, HealthCounters counters) throws Exception {
        SequenceWindow run = runs.get(heartbeat.run);
        counters.etwEventsLost += Math.max(0, heartbeat.eventsLost - run.eventsLost);
        counters.etwBuffersLost += Math.max(0, heartbeat.buffersLost - run.buffersLost);
        counters.collectorDropped += Math.max(0, heartbeat.dropped - run.dropped);
        counters.collectorSpooled += Math.max(0, heartbeat.spooled - run.spooled);
        run.eventsLost = Math.max(run.eventsLost, heartbeat.eventsLost);
        run.buffersLost = Math.max(run.buffersLost, heartbeat.buffersLost);
        run.dropped = Math.max(run.dropped, heartbeat.dropped);
        run.spooled = Math.max(run.spooled, heartbeat.spooled);
        runs.put(heartbeat.run, run);
    }

    /** Buffers an event until the host's watermark passes it. */
    private void hold(EtwEvent event, HostClock time) throws Exception {
        long second = stepOf(event.ts);
        pendingBySecond.setCurrentNamespace(second);
        pendingBySecond.add(event);
        int at = Arrays.binarySearch(time.pendingSeconds, second);
        if (at < 0) {
            int insert = -at - 1;
            long[] seconds = new long[time.pendingSeconds.length + 1];
            System.arraycopy(time.pendingSeconds, 0, seconds, 0, insert);
            seconds[insert] = second;
            System.arraycopy(time.pendingSeconds, insert, seconds, insert + 1, time.pendingSeconds.length - insert);
            time.pendingSeconds = seconds;
        }
    }

    /** A host restored from a build with one buffer list: its events move to their seconds' lists, once. */
    private void adoptLegacyBuffer(HostClock time) throws Exception {
        time.bufferPerSecond = true;
        Iterable<EtwEvent> legacy = legacyPending.get();
        if (legacy != null) {
            for (EtwEvent event : legacy) {
                hold(event, time);
            }
            legacyPending.clear();
        }
    }

    private long stepOf(long ts) {
        return Math.floorDiv(ts, stepMicros);
    }

    /** Moves the host's watermark to {@code next}: releases, ticks and reports what it passed. */
    private void advance(long next, HostClock time, Collector<EtwEvent> out, Context ctx) throws Exception {
        List<EtwEvent> ready = new ArrayList<>();
        long lastSecond = next == Long.MAX_VALUE ? Long.MAX_VALUE : stepOf(next);
        int passed = 0;
        // Seconds in time order: those before the watermark's own second go whole, that one is split.
        for (long second : time.pendingSeconds) {
            if (second > lastSecond) {
                break;
            }
            pendingBySecond.setCurrentNamespace(second);
            Iterable<EtwEvent> events = pendingBySecond.get();
            int readyBefore = ready.size();
            List<EtwEvent> waiting = new ArrayList<>();
            for (EtwEvent event : events == null ? List.<EtwEvent>of() : events) {
                (event.ts <= next ? ready : waiting).add(event);
            }
            if (waiting.isEmpty()) {
                pendingBySecond.clear();
                passed++;
            } else if (ready.size() > readyBefore) {
                pendingBySecond.update(waiting);
            }
        }
        if (passed > 0) {
            time.pendingSeconds = Arrays.copyOfRange(time.pendingSeconds, passed, time.pendingSeconds.length);
        }
        if (!ready.isEmpty()) {
            ready.sort(HOST_ORDER);
            for (EtwEvent event : ready) {
                release(event, out);
            }
        }
        time.watermark = next;
        tickActiveProcesses(next, time, out, ctx);
        emitClosedHealthIntervals(next, ctx);
    }

    private void release(EtwEvent event, Collector<EtwEvent> out) throws Exception {
        if (event.isNetworkOrDns()) {
            Long last = activePids.get(event.pid);
            activePids.put(event.pid, last == null ? event.ts : Math.max(last, event.ts));
        }
        out.collect(event);
    }

    private void tickActiveProcesses(long next, HostClock time, Collector<EtwEvent> out, Context ctx)
            throws Exception {
        long boundary = next == Long.MAX_VALUE ? next : Math.floorDiv(next, bucketMicros) * bucketMicros;
        if (time.lastTickBoundary != HostClock.NONE && boundary <= time.lastTickBoundary) {
            return;
        }
        time.lastTickBoundary = boundary;
        String host = ctx.getCurrentKey();
        out.collect(EtwEvent.tick(host, -1, next)); // the host's own clock, for its process table
        Iterator<Map.Entry<Long, Long>> it = activePids.iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Long> active = it.next();
            out.collect(EtwEvent.tick(host, active.getKey(), next));
            if (next == Long.MAX_VALUE || active.getValue() < next - pidIdleMicros) {
                it.remove(); // this was its last tick: nothing downstream is left to close
            }
        }
    }

    private void emitClosedHealthIntervals(long next, Context ctx) throws Exception {
        Map<Long, HealthCounters> closed = new HashMap<>();
        for (Map.Entry<Long, HealthCounters> interval : health.entries()) {
            if (next == Long.MAX_VALUE || interval.getKey() + healthIntervalMicros <= next) {
                closed.put(interval.getKey(), interval.getValue());
            }
        }
        String host = ctx.getCurrentKey();
        closed.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(interval -> {
            ctx.output(HEALTH, HealthRecords.health(host, interval.getKey(),
                    interval.getKey() + healthIntervalMicros, interval.getValue()));
        });
        for (Long start : closed.keySet()) {
            health.remove(start);
        }
    }

    /** One idle timer per host, pushed back lazily when it fires: no timer churn per event. */
    private void armIdleTimer(HostClock time, Context ctx) {
        long now = ctx.timerService().currentProcessingTime();
        time.lastSeenWall = now;
        if (time.idleTimer == HostClock.NONE) {
            time.idleTimer = now + idleFlushMillis;
            ctx.timerService().registerProcessingTimeTimer(time.idleTimer);
        }
    }

    /** One event-time idle timer per host, pushed back lazily when it fires; none when the rule is off (0). */
    private void armEventTimeIdleTimer(HostClock time, Context ctx) {
        if (idleFlushEventMillis > 0 && time.eventTimeIdleTimer == HostClock.NONE) {
            time.eventTimeIdleTimer = time.newestTs / 1000 + idleFlushEventMillis;
            ctx.timerService().registerEventTimeTimer(time.eventTimeIdleTimer);
        }
    }

    private HealthCounters counters(long ts) throws Exception {
        HealthCounters counters = health.get(intervalStart(ts));
        return counters == null ? new HealthCounters() : counters;
    }

    private long intervalStart(long ts) {
        return Math.floorDiv(ts, healthIntervalMicros) * healthIntervalMicros;
    }

    private HostClock clock() throws Exception {
        HostClock time = clock.value();
        if (time == null) {
            time = new HostClock();
            time.bufferPerSecond = true; // a new host: nothing in the buffer of an older build
        }
        return time;
    }

    /** Runs the function with its reordering buffer, a keyed list state per second of event time. */
    private static final class Operator extends KeyedProcessOperator<String, EtwEvent, EtwEvent> {
        private static final long serialVersionUID = 1L;

        Operator(HostSequencer sequencer) {
            super(sequencer);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void open() throws Exception {
            super.open();
            ListState<EtwEvent> buffer = getOrCreateKeyedState(LongSerializer.INSTANCE,
                    new ListStateDescriptor<>("pending-by-second", EtwEvent.class));
            ((HostSequencer) userFunction).pendingBySecond = (InternalListState<String, Long, EtwEvent>) buffer;
        }
    }
}
