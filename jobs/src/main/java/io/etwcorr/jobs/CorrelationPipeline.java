package io.etwcorr.jobs;

import io.etwcorr.jobs.beacon.BeaconScorer;
import io.etwcorr.jobs.beacon.FleetPrevalence;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.sequence.HostSequencer;
import io.etwcorr.jobs.normalize.ParseAndNormalize;
import io.etwcorr.jobs.network.ProcessNetworkCorrelator;
import io.etwcorr.jobs.lineage.LineageFunction;
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
 *                                                           │        ├─ keyBy(host|entity|destination) ─▶ beacon score
 *                                                           │        └─ keyBy(destination) ─▶ fleet prevalence ◀─┘
 *                                                           └─ keyBy(host): process table ◀── candidates ─▶ anomalies
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
                .process(new ParseAndNormalize())
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
        SingleOutputStreamOperator<BeaconCandidate> scored = callbacks
                .keyBy(Callback::scoringKey)
                .process(new BeaconScorer(config.beacon))
                .uid("beacon-scorer").name("Beacon score per process and destination");

        SingleOutputStreamOperator<BeaconCandidate> notInfrastructure = callbacks
                .keyBy(callback -> callback.destination)
                .connect(scored.keyBy(candidate -> candidate.destination))
                .process(new FleetPrevalence(config.beacon))
                .uid("fleet-prevalence").name("Fleet prevalence per destination");

        SingleOutputStreamOperator<OutputRecord> anomalies = sequenced
                .filter(LineageFunction::isInput)
                .name("Process lifecycle events")
                .keyBy(event -> event.host)
                .connect(notInfrastructure.keyBy(candidate -> candidate.host))
                .process(new LineageFunction(config.lineage))
                .uid("lineage").name("Process lineage, patient zero, alerts");

        return new Outputs(
                anomalies,
                connections,
                connections.getSideOutput(ProcessNetworkCorrelator.FLOWS),
                sequenced.getSideOutput(HostSequencer.HEALTH),
                events.getSideOutput(ParseAndNormalize.DEADLETTER));
    }
}
