package io.etwcorr.jobs.beacon;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.jobs.output.OutputRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import org.apache.flink.metrics.Counter;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per destination: which hosts contacted it, and whether a beacon candidate toward it (its lineage
 * already resolved) is C2 or infrastructure: C2 goes out as the etw.anomalies record. A destination
 * contacted within the window by at least {@code prevalenceMinHosts} hosts is infrastructure (update
 * services, NTP, chat, monitoring) when they are also at least {@code prevalenceMinFraction} of the
 * fleet, or at least {@code prevalenceInfrastructureHosts} whatever the fleet's size — an internal
 * service on 6 % of 10,000 hosts is as much infrastructure as one on 60 % of 50. Its candidates are
 * dropped; others pass on with the host count.
 *
 * <p>The fleet size is the number of hosts this subtask has seen callbacks from: every host calls
 * many destinations, spread over all subtasks, so each subtask sees nearly the whole fleet. It is
 * operator state, checkpointed as (host, newest callback) pairs and restored as the union of all
 * subtasks' (newest time per host wins), so a restart or a rescale neither forgets the fleet nor
 * counts a host twice.
 *
 * <p>A candidate is decided once every host's callbacks up to it have arrived, so the decision does
 * not depend on how they interleaved: with {@code decideAtEndOfInput} (bounded runs) at the end of
 * the input; otherwise once the fleet's event time (the watermark) passed its last callback by
 * {@code prevalenceHoldSeconds}, or, when the watermark stalls (a finished input, no watermarks),
 * after that many seconds of wall time.
 */
public final class FleetPrevalence extends KeyedCoProcessFunction<String, Callback, BeaconCandidate, OutputRecord>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    static final ListStateDescriptor<Tuple2<String, Long>> FLEET_STATE =
            new ListStateDescriptor<>("fleet-hosts", Types.TUPLE(Types.STRING, Types.LONG));

    private final EtwcorrConfig.Beacon config;
    private transient MapState<String, Long> contacts;
    private transient ListState<BeaconCandidate> held;
    private transient ValueState<Long> wallClockFallback;
    private transient Map<String, Long> fleet;
    private transient Counter alerts;
    private transient ListState<Tuple2<String, Long>> checkpointedFleet;

    public FleetPrevalence(EtwcorrConfig.Beacon config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        contacts = getRuntimeContext().getMapState(new MapStateDescriptor<>("contacts", Types.STRING, Types.LONG));
        held = getRuntimeContext().getListState(
                new ListStateDescriptor<>("held-candidates", Types.POJO(BeaconCandidate.class)));
        wallClockFallback = getRuntimeContext().getState(new ValueStateDescriptor<>("wall-clock-fallback", Types.LONG));
        alerts = getRuntimeContext().getMetricGroup().counter("alerts");
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        fleet = new HashMap<>();
        checkpointedFleet = context.getOperatorStateStore().getUnionListState(FLEET_STATE);
        for (Tuple2<String, Long> host : checkpointedFleet.get()) {
            fleet.merge(host.f0, host.f1, Math::max);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointedFleet.clear();
        for (Map.Entry<String, Long> host : fleet.entrySet()) {
            checkpointedFleet.add(Tuple2.of(host.getKey(), host.getValue()));
        }
    }

    @Override
    public void processElement1(Callback callback, Context ctx, Collector<OutputRecord> out) throws Exception {
        Long last = contacts.get(callback.host);
        if (last == null) {
            forgetHostsOlderThan(callback.ts - config.prevalenceWindowSeconds * 1_000_000L);
        }
        if (last == null || callback.ts > last) {
            contacts.put(callback.host, callback.ts);
        }
        fleet.merge(callback.host, callback.ts, Math::max);
        if (fleet.size() > 4 * 1024 * 1024) {
            fleet.clear(); // a safety bound far beyond any fleet; it refills from the next callbacks
        }
    }

    @Override
    public void processElement2(BeaconCandidate candidate, Context ctx, Collector<OutputRecord> out)
            throws Exception {
        if (config.decideAtEndOfInput) {
            held.add(candidate);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            return;
        }
        if (dueMillis(candidate) <= ctx.timerService().currentWatermark()) {
            // The fleet's time passed it already (a late candidate; the watermark may not move again
            // when the input ended): every callback up to it has arrived.
            decide(candidate, out);
            return;
        }
        held.add(candidate);
        ctx.timerService().registerEventTimeTimer(dueMillis(candidate));
        if (wallClockFallback.value() == null) {
            long fallback = ctx.timerService().currentProcessingTime() + config.prevalenceHoldSeconds * 1000;
            ctx.timerService().registerProcessingTimeTimer(fallback);
            wallClockFallback.update(fallback);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutputRecord> out) throws Exception {
        boolean watermarkStalled = ctx.timeDomain() == TimeDomain.PROCESSING_TIME;
        if (watermarkStalled) {
            wallClockFallback.clear();
        }
        List<BeaconCandidate> due = new ArrayList<>();
        List<BeaconCandidate> waiting = new ArrayList<>();
        for (BeaconCandidate candidate : held.get()) {
            (watermarkStalled || config.decideAtEndOfInput || dueMillis(candidate) <= timestamp ? due : waiting).add(candidate);
        }
        due.sort(Comparator.comparingLong((BeaconCandidate c) -> c.lastSeen).thenComparing(c -> c.host));
        for (BeaconCandidate candidate : due) {
            decide(candidate, out);
        }
        held.update(waiting);
        Long fallback = wallClockFallback.value();
        if (waiting.isEmpty() && fallback != null) {
            ctx.timerService().deleteProcessingTimeTimer(fallback);
            wallClockFallback.clear();
        } else if (!waiting.isEmpty() && fallback == null) {
            fallback = ctx.timerService().currentProcessingTime() + config.prevalenceHoldSeconds * 1000;
            ctx.timerService().registerProcessingTimeTimer(fallback);
            wallClockFallback.update(fallback);
        }
    }

    /** The fleet's event time (milliseconds) by which every host's callbacks up to the candidate's last one arrived. */
    private long dueMillis(BeaconCandidate candidate) {
        return candidate.lastSeen / 1000 + config.prevalenceHoldSeconds * 1000;
    }

    /** Bounds the state: a new host is the moment to drop those outside the window. */
    private void forgetHostsOlderThan(long since) throws Exception {
        var it = contacts.iterator();
        while (it.hasNext()) {
            if (it.next().getValue() < since) {
                it.remove();
            }
        }
    }

    private void decide(BeaconCandidate candidate, Collector<OutputRecord> out) throws Exception {
        long since = candidate.lastSeen - config.prevalenceWindowSeconds * 1_000_000L;
        long hosts = 0;
        for (Map.Entry<String, Long> contact : contacts.entries()) {
            if (contact.getValue() >= since || contact.getKey().equals(candidate.host)) {
                hosts++;
            }
        }
        long fleetSize = fleet.values().stream().filter(ts -> ts >= since).count();
        boolean infrastructure = hosts >= config.prevalenceMinHosts
                && (hosts >= config.prevalenceMinFraction * Math.max(fleetSize, hosts)
                        || hosts >= config.prevalenceInfrastructureHosts);
        if (!infrastructure) {
            candidate.hostsContactingDestination = Math.max(1, hosts);
            out.collect(AnomalyRecords.anomaly(candidate));
            alerts.inc();
        }
    }
}
