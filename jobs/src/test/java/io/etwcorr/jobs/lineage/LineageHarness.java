package io.etwcorr.jobs.lineage;

import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.EtwEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * {@link LineageFunction} keyed by host in a given task environment (Flink's keyed two-input
 * harness always makes its own, whose metric group keeps nothing).
 */
final class LineageHarness extends AbstractStreamOperatorTestHarness<BeaconCandidate> {
    private static final KeySelector<EtwEvent, String> EVENT_HOST = event -> event.host;
    private static final KeySelector<BeaconCandidate, String> CANDIDATE_HOST = candidate -> candidate.host;

    private final KeyedCoProcessOperator<String, EtwEvent, BeaconCandidate, BeaconCandidate> lineage;

    LineageHarness(LineageFunction function, MockEnvironment environment) throws Exception {
        this(new KeyedCoProcessOperator<>(function), environment);
    }

    private LineageHarness(KeyedCoProcessOperator<String, EtwEvent, BeaconCandidate, BeaconCandidate> lineage,
            MockEnvironment environment) throws Exception {
        super(lineage, environment);
        this.lineage = lineage;
        config.setStatePartitioner(0, EVENT_HOST);
        config.setStatePartitioner(1, CANDIDATE_HOST);
        config.setStateKeySerializer(Types.STRING.createSerializer(executionConfig.getSerializerConfig()));
        config.serializeAllConfigs();
    }

    void processElement1(EtwEvent event) throws Exception {
        StreamRecord<EtwEvent> record = new StreamRecord<>(event, event.ts);
        lineage.setKeyContextElement1(record);
        lineage.processElement1(record);
    }

    void processElement2(BeaconCandidate candidate) throws Exception {
        StreamRecord<BeaconCandidate> record = new StreamRecord<>(candidate, candidate.lastSeen);
        lineage.setKeyContextElement2(record);
        lineage.processElement2(record);
    }
}
