package io.etwcorr.jobs.model;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Keyed state as a savepoint of an older build left it: written through descriptors of that build
 * (e.g. {@code Types.POJO(X.class)}) by an operator that registers no state of its own, then
 * snapshotted, for a restore into today's operator.
 */
public final class OlderBuildState {

    /** Writes state into the given backend's keyed state. */
    @FunctionalInterface
    public interface Writer {
        void write(KeyedStateBackend<Object> backend) throws Exception;
    }

    private OlderBuildState() {}

    /** The heap and RocksDB, as arguments of a parameterized test. */
    public static Stream<Arguments> backends() {
        return Stream.of(
                Arguments.of("hashmap", (Supplier<StateBackend>) HashMapStateBackend::new),
                Arguments.of("rocksdb", (Supplier<StateBackend>) EmbeddedRocksDBStateBackend::new));
    }

    public static OperatorSubtaskState snapshot(StateBackend stateBackend, Writer writer) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RegistersNothing()), value -> value, Types.STRING)) {
            harness.setStateBackend(stateBackend);
            harness.open();
            writer.write(keyedBackend(harness.getOperator()));
            return harness.snapshot(1, 1);
        }
    }

    /** The keyed state backend of an operator in a harness, to read its state directly. */
    @SuppressWarnings("unchecked")
    public static KeyedStateBackend<Object> keyedBackend(Object operator) {
        return (KeyedStateBackend<Object>) ((AbstractStreamOperator<?>) operator).getKeyedStateBackend();
    }

    private static final class RegistersNothing extends KeyedProcessFunction<String, String, String> {
        @Override
        public void processElement(String value, Context ctx, Collector<String> out) {}
    }
}
