package io.etwcorr.jobs.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.OlderBuildState;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A savepoint of a build whose process tables were on Flink's POJO serializer restores into today's
 * operator (the table migrates to {@link ProcessEntrySerializer}), and what it then snapshots
 * restores again.
 */
class ParentExecutablesRestoreTest {
    private static final String HOST = "WS-0042";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.etwcorr.jobs.model.OlderBuildState#backends")
    void processTablesWrittenByThePojoSerializerRestore(String name, Supplier<StateBackend> backend) throws Exception {
        ProcessEntry injected = ProcessEntrySerializerTest.injected();
        ProcessEntry unknown = ProcessEntry.unknown(4, HOST + ":4:0");
        OperatorSubtaskState pojoSavepoint = OlderBuildState.snapshot(backend.get(), state -> {
            state.setCurrentKey(HOST);
            MapState<String, ProcessEntry> processes = state.getPartitionedState(VoidNamespace.INSTANCE,
                    VoidNamespaceSerializer.INSTANCE,
                    new MapStateDescriptor<>("processes", Types.STRING, Types.POJO(ProcessEntry.class)));
            processes.put(injected.entityId, injected);
            processes.put(unknown.entityId, unknown);
        });

        OperatorSubtaskState migrated;
        try (KeyedTwoInputStreamOperatorTestHarness<String, EtwEvent, Callback, Callback> restored = restore(backend, pojoSavepoint)) {
            assertThat(processes(restored).get(injected.entityId)).usingRecursiveComparison().isEqualTo(injected);
            assertThat(processes(restored).get(unknown.entityId)).usingRecursiveComparison().isEqualTo(unknown);
            migrated = restored.snapshot(2, 2);
        }
        try (KeyedTwoInputStreamOperatorTestHarness<String, EtwEvent, Callback, Callback> again = restore(backend, migrated)) {
            assertThat(processes(again).get(injected.entityId)).usingRecursiveComparison().isEqualTo(injected);
            assertThat(processes(again).keys()).containsExactlyInAnyOrder(injected.entityId, unknown.entityId);
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, EtwEvent, Callback, Callback> restore(
            Supplier<StateBackend> backend, OperatorSubtaskState savepoint) throws Exception {
        EtwcorrConfig.Lineage config = new EtwcorrConfig.Lineage();
        KeyedTwoInputStreamOperatorTestHarness<String, EtwEvent, Callback, Callback> harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new ParentExecutables(config)),
                (EtwEvent event) -> event.host, (Callback callback) -> callback.host, Types.STRING);
        harness.setStateBackend(backend.get());
        harness.initializeState(savepoint);
        harness.open();
        return harness;
    }

    private static MapState<String, ProcessEntry> processes(
            KeyedTwoInputStreamOperatorTestHarness<String, EtwEvent, Callback, Callback> harness) throws Exception {
        KeyedStateBackend<Object> state = OlderBuildState.keyedBackend(harness.getOperator());
        state.setCurrentKey(HOST);
        return state.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>("processes", StringSerializer.INSTANCE, ProcessEntrySerializer.INSTANCE));
    }
}
