package io.etwcorr.jobs.model;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the serializers of the job's mutable state value classes: straight-line field code in
 * place of Flink's POJO serializer, whose reflection and char-by-char strings ran on every
 * checkpoint (heap) and every state access (RocksDB). Subclasses write the fields and make copies;
 * a value is never reused, as the POJO serializer never reused one either.
 *
 * <p>The field order is the format of checkpoints and savepoints. A field added to a value class
 * must be added to its serializer, and that changes the format: raise the snapshot's version
 * ({@link PojoReplacingSnapshot}) and keep reading the version before it.
 */
public abstract class StateValueSerializer<T> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public final void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }
}
