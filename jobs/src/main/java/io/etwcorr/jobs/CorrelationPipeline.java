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
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The correlation job graph, the same wherever it runs: raw records in, the contract's output
 * streams out. Callers attach the source (Kafka, files) and the sinks (Kafka topics, files).
 *
 * <pre>
 * raw ─▶ parse+normalize ─┬─▶ deadletter
 *                         └─ keyBy(host) ─▶ host sequencer ─┬─▶ health
 *                                                           ├─ (same host key) ─▶ DNS⋈TCP per pid, buckets ─┬─▶ connections
 *                                                           │                                      ├─▶ flows
 *                                                           │       callbacks ◀────────────────────┘
 *                                                           │        ├─ keyBy(host|entity|destination) ─▶ beacon score ─▶ candidates
 *                                                           │        ├─ (same host key) ─▶ parent exe ─ keyBy(host|exe|parent exe|cmdline|destination) ─▶ group score ─▶ candidates
 *                                                           │        └─ keyBy(destination) ─▶ fleet prevalence ◀── candidates with lineage
 *                                                           │                                   └─▶ anomalies
 *                                                           └─ (same host key): process table ◀── candidates ─▶ lineage at each candidate's time
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

    /** The host sequencer's operator name; every event goes through it once (benchmarks watch its input). */
    public static final String SEQUENCER_NAME = "Per-host dedupe, health, event-time order";

    private CorrelationPipeline() {}

    public static Outputs build(DataStream<RawRecord> raw, EtwcorrConfig config) {
        SingleOutputStreamOperator<EtwEvent> events = raw
                .process(new ParseAndNormalize(config.input.format))
                .uid("parse-normalize").name("Parse, validate, normalize");

        SingleOutputStreamOperator<EtwEvent> sequenced = events
                .keyBy(CorrelationPipeline::host)
                .transform(SEQUENCER_NAME, TypeInformation.of(EtwEvent.class),
                        HostSequencer.operator(config.correlation))
                .uid("host-sequencer");

        // The per-host stages read the sequencer's output where it is, keyed by host as it already is:
        // an event is serialized and shuffled once, on its way into the sequencer.
        SingleOutputStreamOperator<OutputRecord> connections = byHost(sequenced
                .filter(ProcessNetworkCorrelator::isInput)
                .name("Process and network events"))
                .transform("DNS ⋈ TCP per process, byte buckets", TypeInformation.of(OutputRecord.class),
                        new ProcessNetworkCorrelator(config.correlation))
                .uid("dns-tcp-join-per-host");

        DataStream<Callback> callbacks = connections.getSideOutput(ProcessNetworkCorrelator.CALLBACKS);
        // A process group includes the parent's executable, which only a host's process table knows.
        DataStream<Callback> groupCallbacks = byHost(sequenced
                .filter(ParentExecutables::isInput)
                .name("Process starts and stops"))
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
        SingleOutputStreamOperator<BeaconCandidate> withLineage = byHost(sequenced
                .filter(LineageFunction::isInput)
                .name("Process lifecycle events"))
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

    /**
     * Events of the host sequencer's subtask, keyed by host without a shuffle: they are already
     * partitioned by host, by the same key selector and the same key groups.
     */
    private static KeyedStream<EtwEvent, String> byHost(DataStream<EtwEvent> sequencedEvents) {
        return DataStreamUtils.reinterpretAsKeyedStream(sequencedEvents, CorrelationPipeline::host, Types.STRING);
    }

    private static String host(EtwEvent event) {
        return event.host;
    }
}
