package io.etwcorr.jobs.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for {@link EtwEvent}: its own compact {@link EtwEventSerializer}, not the POJO serializer. */
public final class EtwEventTypeInfo extends TypeInformation<EtwEvent> {
    private static final long serialVersionUID = 1L;

    public static final EtwEventTypeInfo INSTANCE = new EtwEventTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<EtwEvent> getTypeClass() {
        return EtwEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<EtwEvent> createSerializer(SerializerConfig config) {
        return EtwEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "EtwEventTypeInfo";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EtwEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return EtwEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof EtwEventTypeInfo;
    }

    /** Named by {@code @TypeInfo} on {@link EtwEvent}, so every {@code TypeInformation.of(EtwEvent.class)} finds it. */
    public static final class Factory extends TypeInfoFactory<EtwEvent> {
        @Override
        public TypeInformation<EtwEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }
}
