package io.etwcorr.jobs;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.functions.HostSequencer;
import io.etwcorr.jobs.functions.ParseAndNormalize;
import io.etwcorr.jobs.functions.ProcessNetworkCorrelator;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.OutputRecord;
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
 *                                                           └─ keyBy(host/pid) ─▶ DNS⋈TCP, buckets ─┬─▶ connections
 *                                                                                                  └─▶ flows
 * </pre>
 */
public final class CorrelationPipeline {

    /** The output streams, one per topic of contract/outputs.md. */
    public record Outputs(
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

        return new Outputs(
                connections,
                connections.getSideOutput(ProcessNetworkCorrelator.FLOWS),
                sequenced.getSideOutput(HostSequencer.HEALTH),
                events.getSideOutput(ParseAndNormalize.DEADLETTER));
    }
}
