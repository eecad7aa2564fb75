package io.etwcorr.jobs.model;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Snapshot of a state value serializer that replaced Flink's POJO serializer for the same class.
 * State written by the POJO serializer (savepoints of builds before it) is compatible after
 * migration: Flink reads it with the POJO serializer restored from the savepoint and writes it
 * with the new one. The format has no parameters; {@link #getCurrentVersion()} is the format's
 * version, and a snapshot of a version this build does not know is refused rather than misread.
 */
public abstract class PojoReplacingSnapshot<T> implements TypeSerializerSnapshot<T> {
    private static final int VERSION = 1;

    private final Class<T> type;
    private final Supplier<TypeSerializer<T>> serializer;

    protected PojoReplacingSnapshot(Class<T> type, Supplier<TypeSerializer<T>> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {}

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion != VERSION) {
            throw new IOException(type.getSimpleName() + " serializer snapshot version " + readVersion
                    + ": state written by a newer version of the job?");
        }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return serializer.get();
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot.getClass() == getClass()) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        if (oldSnapshot instanceof PojoSerializerSnapshot<T> pojo && writesType(pojo)) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        return TypeSerializerSchemaCompatibility.incompatible();
    }

    /** The POJO serializer keeps its class to itself; an instance it creates names it. */
    private boolean writesType(PojoSerializerSnapshot<T> pojo) {
        T instance = pojo.restoreSerializer().createInstance();
        return instance != null && instance.getClass() == type;
    }
}
