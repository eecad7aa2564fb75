package io.etwcorr.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/**
 * Flink's serializer contract (copies, snapshots, duplication, concurrency) for a serializer of a
 * state value class. Those classes have no {@code equals}: values compare field by field, deeply.
 */
public abstract class StateValueSerializerTestBase<T> extends SerializerTestBase<T> {

    protected StateValueSerializerTestBase() {
        super(new DeeplyEqualsChecker().withCustomCheck(
                (a, b) -> a != null && a.getClass().getName().startsWith("io.etwcorr.")
                        && b != null && a.getClass() == b.getClass(),
                (a, b, checker) -> fieldsEqual(a, b)));
    }

    @Override
    protected int getLength() {
        return -1;
    }

    private static boolean fieldsEqual(Object a, Object b) {
        try {
            assertThat(b).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(a);
            return true;
        } catch (AssertionError notEqual) {
            return false;
        }
    }
}
