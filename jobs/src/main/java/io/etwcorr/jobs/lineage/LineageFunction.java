package io.etwcorr.jobs.lineage;


import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.output.OutputRecord;
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

/**
 * Per host (key: host): keeps the host's {@link ProcessTable} from its process events (input 1, in
 * host event-time order, with the host's watermark TICKs) and turns each beacon candidate (input 2)
 * into an etw.anomalies alert with the lineage and patient zero of its process.
 *
 * <p>A candidate waits until the host's watermark has reached its last callback, so that every
 * process event up to then is in the table whichever input arrived first; after the end of input
 * (a TICK at {@link Long#MAX_VALUE}) it is resolved at once. No Flink timers: the host's own
 * watermark, carried by input 1, decides.
 */
public final class LineageFunction extends KeyedCoProcessFunction<String, EtwEvent, BeaconCandidate, OutputRecord> {
    private static final long serialVersionUID = 1L;

    /** Due candidates go out in this order, so that the output does not depend on state iteration order. */
    private static final Comparator<BeaconCandidate> RELEASE_ORDER = Comparator
            .comparingLong((BeaconCandidate c) -> c.lastSeen)
            .thenComparing(c -> c.episodeId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(c -> c.entityId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final EtwcorrConfig.Lineage config;

    private transient ValueState<Long> hostWatermark;
    private transient MapState<String, BeaconCandidate> pendingCandidates;
    /** The smallest last callback among the pending candidates, so that most events need not look at them. */
    private transient ValueState<Long> earliestPending;
    private transient ProcessTable table;
    private transient LineageResolver resolver;
    private transient Counter alerts;

    public LineageFunction(EtwcorrConfig.Lineage config) {
        this.config = config;
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
        MapState<String, ProcessEntry> processes = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("processes", Types.STRING, Types.POJO(ProcessEntry.class)));
        MapState<Long, String> livePids = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("live-pids", Types.LONG, Types.STRING));
        hostWatermark = getRuntimeContext().getState(new ValueStateDescriptor<>("host-watermark", Types.LONG));
        pendingCandidates = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending-candidates", Types.STRING, Types.POJO(BeaconCandidate.class)));
        earliestPending = getRuntimeContext().getState(new ValueStateDescriptor<>("earliest-pending", Types.LONG));
        table = new ProcessTable(new KeyedStateProcessStore(processes, livePids), config);
        resolver = new LineageResolver(table, config.boundaryProcesses);
        alerts = getRuntimeContext().getMetricGroup().counter("alerts");
    }

    @Override
    public void processElement1(EtwEvent event, Context ctx, Collector<OutputRecord> out) throws Exception {
        if (!isInput(event)) {
            return;
        }
        table.apply(event);
        long watermark = advanceWatermark(event.ts);
        releaseDue(watermark, out);
        // After the end of input nothing expires any more: late candidates still need the table.
        if (event.kind == EventKind.TICK && watermark != Long.MAX_VALUE) {
            table.expire(watermark);
        }
    }

    @Override
    public void processElement2(BeaconCandidate candidate, Context ctx, Collector<OutputRecord> out) throws Exception {
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

    private void releaseDue(long watermark, Collector<OutputRecord> out) throws Exception {
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

    private void emit(BeaconCandidate candidate, Collector<OutputRecord> out) throws Exception {
        Lineage lineage = resolver.resolve(candidate.pid, candidate.entityId, candidate.firstSeen);
        out.collect(AnomalyRecords.anomaly(candidate, lineage, table.parent(lineage.alerting())));
        alerts.inc();
    }
}
