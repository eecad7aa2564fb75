package io.etwcorr.jobs.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.OlderBuildState;
import io.etwcorr.jobs.model.TestEvents;
import io.etwcorr.jobs.output.OutputRecord;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A savepoint of a build whose correlator state was on Flink's POJO serializer restores into
 * today's correlator (the state migrates to the new serializers), and what it then snapshots
 * restores again.
 */
class ProcessNetworkCorrelatorRestoreTest {
    private static final String HOST = "WS-0042";
    private static final long PID = 7312;
    private static final String CONNECTION_KEY = "tcp|10.0.0.42:50123|203.0.113.7:443";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.etwcorr.jobs.model.OlderBuildState#backends")
    void connectionsAndIdentitiesWrittenByThePojoSerializerRestore(String name, Supplier<StateBackend> backend)
            throws Exception {
        Connection connection = ConnectionSerializerTest.beacon();
        ProcessIdentity identity = ProcessIdentitySerializerTest.stopped();
        OperatorSubtaskState pojoSavepoint = OlderBuildState.snapshot(backend.get(), state -> {
            state.setCurrentKey(HOST);
            state.getPartitionedState(PID, LongSerializer.INSTANCE,
                    new MapStateDescriptor<>("connections", Types.STRING, Types.POJO(Connection.class)))
                    .put(CONNECTION_KEY, connection);
            ValueStateDescriptor<ProcessIdentity> identities =
                    new ValueStateDescriptor<>("identity", Types.POJO(ProcessIdentity.class));
            identities.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(1)).build());
            state.getPartitionedState(PID, LongSerializer.INSTANCE, identities).update(identity);
        });

        OperatorSubtaskState migrated;
        try (KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, OutputRecord> restored = restore(backend, pojoSavepoint)) {
            assertRestored(restored, connection, identity);
            migrated = restored.snapshot(2, 2);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, OutputRecord> again = restore(backend, migrated)) {
            assertRestored(again, connection, identity);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, OutputRecord> restore(
            Supplier<StateBackend> backend, OperatorSubtaskState savepoint) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, OutputRecord> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new ProcessNetworkCorrelator(TestEvents.defaults()), event -> event.host, Types.STRING);
        harness.setStateBackend(backend.get());
        harness.initializeState(savepoint);
        harness.open();
        return harness;
    }

    private static void assertRestored(KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, OutputRecord> harness,
            Connection connection, ProcessIdentity identity) throws Exception {
        KeyedStateBackend<Object> state = OlderBuildState.keyedBackend(harness.getOperator());
        state.setCurrentKey(HOST);
        MapState<String, Connection> connections = state.getPartitionedState(PID, LongSerializer.INSTANCE,
                new MapStateDescriptor<>("connections", StringSerializer.INSTANCE, ConnectionSerializer.INSTANCE));
        ValueState<ProcessIdentity> identities = state.getPartitionedState(PID, LongSerializer.INSTANCE,
                new ValueStateDescriptor<>("identity", ProcessIdentitySerializer.INSTANCE));

        assertThat(connections.get(CONNECTION_KEY)).usingRecursiveComparison().isEqualTo(connection);
        assertThat(identities.value()).usingRecursiveComparison().isEqualTo(identity);
    }
}
