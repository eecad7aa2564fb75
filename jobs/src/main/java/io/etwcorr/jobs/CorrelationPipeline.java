package io.etwcorr.jobs;

import io.etwcorr.jobs.beacon.BeaconScorer;
import io.etwcorr.jobs.beacon.FleetPrevalence;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.config.InputFormat;
import io.etwcorr.jobs.normalize.sysmon.SysmonAlerts;
import io.etwcorr.jobs.sequence.HostSequencer;
import io.etwcorr.jobs.normalize.ParseAndNormalize;
import io.etwcorr.jobs.network.ProcessNetworkCorrelator;
import io.etwcorr.jobs.lineage.LineageFunction;
import io.etwcorr.jobs.lineage.ParentExecutables;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.jobs.model.RawRecord;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The correlation job graph, the same wherever it runs: raw records in, the contract's output
 * streams out. Callers attach the source (Kafka, files) and the sinks (Kafka topics, files).
 *
 * <pre>
 * raw ─▶ parse+normalize ─┬─▶ deadletter
 *                         └─ keyBy(host) ─▶ host sequencer ─┬─▶ health
 *                                                           ├─ keyBy(host/pid) ─▶ DNS⋈TCP, buckets ─┬─▶ connections
 *                                                           │                                      ├─▶ flows
 *                                                           │       callbacks ◀────────────────────┘
 *                                                           │        ├─ keyBy(host|entity|destination) ─▶ beacon score ─▶ candidates
 *                                                           │        ├─ keyBy(host) ─▶ parent exe ─ keyBy(host|exe|parent exe|cmdline|destination) ─▶ group score ─▶ candidates
 *                                                           │        └─ keyBy(destination) ─▶ fleet prevalence ◀── candidates with lineage
 *                                                           │                                   └─▶ anomalies
 *                                                           └─ keyBy(host): process table ◀── candidates ─▶ lineage at each candidate's time
 *                                                                                    └─▶ health (lineage evictions)
 * </pre>
 */
public final class CorrelationPipeline {

    /** The output streams, one per topic of docs/contract/outputs.md. */
    public record Outputs(
            DataStream<OutputRecord> anomalies,
            DataStream<OutputRecord> connections,
            DataStream<OutputRecord> flows,
            DataStream<OutputRecord> health,
            DataStream<OutputRecord> deadletter) {
    }

    private CorrelationPipeline() {}

    public static Outputs build(DataStream<RawRecord> raw, EtwcorrConfig config) {
        SingleOutputStreamOperator<EtwEvent> events = raw
                .process(new ParseAndNormalize(config.input.format))
                .uid("parse-normalize").name("Parse, validate, normalize");

        SingleOutputStreamOperator<EtwEvent> sequenced = events
                .keyBy(event -> event.host)
                .process(new HostSequencer(config.correlation))
                .uid("host-sequencer").name("Per-host dedupe, health, event-time order");

        SingleOutputStreamOperator<OutputRecord> connections = sequenced
                .filter(ProcessNetworkCorrelator::isInput)
                .name("Process and network events")
                .keyBy(ProcessNetworkCorrelator::processKey)
                .process(new ProcessNetworkCorrelator(config.correlation))
                .uid("dns-tcp-join").name("DNS ⋈ TCP per process, byte buckets");

        DataStream<Callback> callbacks = connections.getSideOutput(ProcessNetworkCorrelator.CALLBACKS);
        // A process group includes the parent's executable, which only a host's process table knows.
        DataStream<Callback> groupCallbacks = sequenced
                .filter(ParentExecutables::isInput)
                .name("Process starts and stops")
                .keyBy(event -> event.host)
                .connect(callbacks.keyBy(callback -> callback.host))
                .process(new ParentExecutables(config.lineage))
                .uid("group-parents").name("Parent executable of each callback's process");
        DataStream<BeaconCandidate> scored = callbacks
                .keyBy(BeaconScorer.Keying.PROCESS.keySelector())
                .process(new BeaconScorer(config.beacon, BeaconScorer.Keying.PROCESS))
                .uid("beacon-scorer").name("Beacon score per process and destination")
                .union(groupCallbacks
                        .keyBy(BeaconScorer.Keying.PROCESS_GROUP.keySelector())
                        .process(new BeaconScorer(config.beacon, BeaconScorer.Keying.PROCESS_GROUP))
                        .uid("beacon-group-scorer").name("Beacon score per process group and destination"));

        // Lineage first, at each candidate's own time; only then may prevalence hold it (to the end of a bounded input).
        SingleOutputStreamOperator<BeaconCandidate> withLineage = sequenced
                .filter(LineageFunction::isInput)
                .name("Process lifecycle events")
                .keyBy(event -> event.host)
                .connect(scored.keyBy(candidate -> candidate.host))
                .process(new LineageFunction(config.lineage, config.correlation.healthIntervalSeconds))
                .uid("lineage").name("Process lineage and patient zero at the alert's time");

        SingleOutputStreamOperator<OutputRecord> anomalies = callbacks
                .keyBy(callback -> callback.destination)
                .connect(withLineage.keyBy(candidate -> candidate.destination))
                .process(new FleetPrevalence(config.beacon))
                .uid("fleet-prevalence").name("Fleet prevalence per destination, alerts");

        DataStream<OutputRecord> labeledAnomalies = config.input.format == InputFormat.SYSMON
                ? anomalies.map(SysmonAlerts::label).name("Alerts say they come from Sysmon")
                : anomalies;
        return new Outputs(
                labeledAnomalies,
                connections,
                connections.getSideOutput(ProcessNetworkCorrelator.FLOWS),
                sequenced.getSideOutput(HostSequencer.HEALTH).union(withLineage.getSideOutput(LineageFunction.HEALTH)),
                events.getSideOutput(ParseAndNormalize.DEADLETTER));
    }
}
