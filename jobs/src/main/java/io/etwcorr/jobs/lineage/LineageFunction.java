package io.etwcorr.jobs.lineage;


import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.model.LineageProcess;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.schemas.out.EcsTime;
import io.etwcorr.schemas.out.HealthRecord;
import io.etwcorr.schemas.out.OutputJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per host (key: host): keeps the host's {@link ProcessTable} from its process events (input 1, in
 * host event-time order, with the host's watermark TICKs) and adds to each beacon candidate (input 2)
 * the lineage and patient zero of its process as of the candidate's last callback, before anything
 * waits for the fleet prevalence: a bounded run then resolves every alert at its own time, as the
 * streaming job does, never with a table emptied by the end of the file.
 *
 * <p>A candidate waits until the host's watermark has reached its last callback, so that every
 * process event up to then is in the table whichever input arrived first; after the end of input
 * (a TICK at {@link Long#MAX_VALUE}) it is resolved at once. No Flink timers: the host's own
 * watermark, carried by input 1, decides.
 *
 * <p>Processes a lineage still needed that the per-host bound evicts are counted per health interval
 * into an etw.health record of the host ({@link #HEALTH}, {@code lineage_evictions}), emitted once the
 * host's watermark has left the interval (or at the end of the input), as well as in the
 * {@code lineageEvictions} metric.
 */
public final class LineageFunction extends KeyedCoProcessFunction<String, EtwEvent, BeaconCandidate, BeaconCandidate> {
    private static final long serialVersionUID = 1L;

    /** Due candidates go out in this order, so that the output does not depend on state iteration order. */
    private static final Comparator<BeaconCandidate> RELEASE_ORDER = Comparator
            .comparingLong((BeaconCandidate c) -> c.lastSeen)
            .thenComparing(c -> c.episodeId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(c -> c.entityId, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** etw.health records of the lineage evictions, per host and health interval. */
    public static final OutputTag<OutputRecord> HEALTH = new OutputTag<>("lineage-health") {};

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final EtwcorrConfig.Lineage config;
    private final long healthIntervalMicros;

    private transient ValueState<Long> hostWatermark;
    private transient MapState<String, BeaconCandidate> pendingCandidates;
    /** The smallest last callback among the pending candidates, so that most events need not look at them. */
    private transient ValueState<Long> earliestPending;
    private transient ProcessTable table;
    private transient LineageResolver resolver;
    private transient Counter evictions;
    /** The health interval (its start) whose evictions are being counted, and their number so far. */
    private transient ValueState<Long> evictionInterval;
    private transient ValueState<Long> evictionsInInterval;

    /** {@code healthIntervalSeconds}: the etw.health interval the evictions are counted in. */
    public LineageFunction(EtwcorrConfig.Lineage config, long healthIntervalSeconds) {
        this.config = config;
        this.healthIntervalMicros = healthIntervalSeconds * MICROS_PER_SECOND;
    }

    /** Whether this function needs the event: process lifecycle, thread starts and the host's watermark ticks. */
    public static boolean isInput(EtwEvent event) {
        return switch (event.kind) {
            case PROCESS_START, PROCESS_RUNDOWN, PROCESS_STOP, THREAD_START -> true;
            case TICK -> event.pid == -1;
            default -> false;
        };
    }

    @Override
    public void open(OpenContext openContext) {
        hostWatermark = getRuntimeContext().getState(new ValueStateDescriptor<>("host-watermark", Types.LONG));
        pendingCandidates = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending-candidates", Types.STRING, Types.POJO(BeaconCandidate.class)));
        earliestPending = getRuntimeContext().getState(new ValueStateDescriptor<>("earliest-pending", Types.LONG));
        evictions = getRuntimeContext().getMetricGroup().counter("lineageEvictions");
        evictionInterval = getRuntimeContext().getState(new ValueStateDescriptor<>("eviction-interval", Types.LONG));
        evictionsInInterval = getRuntimeContext().getState(new ValueStateDescriptor<>("evictions-in-interval", Types.LONG));
        table = new ProcessTable(KeyedStateProcessStore.open(getRuntimeContext()), config);
        resolver = new LineageResolver(table, config.boundaryProcesses);
    }

    @Override
    public void processElement1(EtwEvent event, Context ctx, Collector<BeaconCandidate> out) throws Exception {
        if (!isInput(event)) {
            return;
        }
        table.apply(event);
        long watermark = advanceWatermark(event.ts);
        releaseDue(watermark, out);
        if (event.kind != EventKind.TICK) {
            return;
        }
        // After the end of input nothing expires any more: late candidates still need the table.
        int evicted = watermark == Long.MAX_VALUE ? 0 : table.expire(watermark);
        countEvictions(ctx.getCurrentKey(), watermark, evicted, ctx);
    }

    /**
     * Adds {@code evicted} to the health interval of {@code watermark}, first emitting the count of an
     * earlier interval the host's watermark has left (all of it at the end of the input).
     */
    private void countEvictions(String host, long watermark, int evicted, Context ctx) throws Exception {
        evictions.inc(evicted);
        long interval = Math.floorDiv(watermark, healthIntervalMicros) * healthIntervalMicros;
        Long counting = evictionInterval.value();
        if (counting != null && counting != interval) {
            HealthRecord record = HealthRecord.of(host, EcsTime.format(counting),
                    EcsTime.format(counting + healthIntervalMicros),
                    HealthRecord.Counters.lineageEvictions(evictionsInInterval.value()));
            ctx.output(HEALTH, new OutputRecord(host, counting, OutputJson.toJson(record)));
            evictionInterval.clear();
            evictionsInInterval.clear();
        }
        if (evicted > 0) {
            Long counted = evictionsInInterval.value();
            evictionInterval.update(interval);
            evictionsInInterval.update((counted == null ? 0 : counted) + evicted);
        }
    }

    @Override
    public void processElement2(BeaconCandidate candidate, Context ctx, Collector<BeaconCandidate> out) throws Exception {
        Long watermark = hostWatermark.value();
        if (watermark != null && watermark >= candidate.lastSeen) {
            emit(candidate, out);
            return;
        }
        pendingCandidates.put(candidate.episodeId + "@" + candidate.lastSeen, candidate);
        Long earliest = earliestPending.value();
        if (earliest == null || candidate.lastSeen < earliest) {
            earliestPending.update(candidate.lastSeen);
        }
    }

    private long advanceWatermark(long ts) throws Exception {
        Long current = hostWatermark.value();
        if (current == null || ts > current) {
            hostWatermark.update(ts);
            return ts;
        }
        return current;
    }

    private void releaseDue(long watermark, Collector<BeaconCandidate> out) throws Exception {
        Long earliest = earliestPending.value();
        if (earliest == null || earliest > watermark) {
            return;
        }
        List<BeaconCandidate> due = new ArrayList<>();
        long stillWaiting = Long.MAX_VALUE;
        Iterator<Map.Entry<String, BeaconCandidate>> it = pendingCandidates.iterator();
        while (it.hasNext()) {
            BeaconCandidate candidate = it.next().getValue();
            if (candidate.lastSeen <= watermark) {
                due.add(candidate);
                it.remove();
            } else {
                stillWaiting = Math.min(stillWaiting, candidate.lastSeen);
            }
        }
        if (stillWaiting == Long.MAX_VALUE) {
            // Removing through the iterator can leave an empty map behind in the heap backend.
            pendingCandidates.clear();
            earliestPending.clear();
        } else {
            earliestPending.update(stillWaiting);
        }
        due.sort(RELEASE_ORDER);
        for (BeaconCandidate candidate : due) {
            emit(candidate, out);
        }
    }

    private void emit(BeaconCandidate candidate, Collector<BeaconCandidate> out) throws Exception {
        Lineage lineage = resolver.resolve(candidate.pid, candidate.entityId, candidate.firstSeen);
        List<LineageLink> links = lineage.links();
        candidate.lineage = new LineageProcess[links.size()];
        for (int i = 0; i < links.size(); i++) {
            LineageLink link = links.get(i);
            candidate.lineage[i] = process(link.process(), link.edge().wireName());
            if (link.process() == lineage.patientZero()) {
                candidate.patientZeroIndex = i;
            }
        }
        candidate.patientZeroReason = lineage.patientZeroReason();
        ProcessEntry parent = table.parent(lineage.alerting());
        candidate.parent = parent == null ? null : process(parent, null);
        out.collect(candidate);
    }

    private static LineageProcess process(ProcessEntry entry, String edge) {
        LineageProcess process = new LineageProcess();
        process.pid = entry.pid;
        process.entityId = entry.entityId;
        process.name = entry.name;
        process.executable = entry.executable;
        process.commandLine = entry.commandLine;
        process.edge = edge;
        return process;
    }
}
