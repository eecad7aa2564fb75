package io.etwcorr.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EtwEventTest {

    @Test
    void hasItsOwnCompactSerializer() {
        assertThat(TypeInformation.of(EtwEvent.class)).isInstanceOf(EtwEventTypeInfo.class);
        assertThat(serializerWithoutGenericTypes()).isSameAs(EtwEventSerializer.INSTANCE);
    }

    @Test
    void everyFieldSurvivesSerializationAlone() throws IOException, IllegalAccessException {
        TypeSerializer<EtwEvent> serializer = serializerWithoutGenericTypes();
        EtwEvent source = everyFieldSet();
        for (Field field : instanceFields()) {
            EtwEvent single = new EtwEvent();
            field.set(single, field.get(source));

            assertThat(roundTrip(serializer, single)).as(field.getName()).isEqualTo(single);
        }
    }

    @Test
    void writesOnlyTheFieldsThatAreSet() throws IOException {
        EtwEvent send = new EtwEvent();
        send.kind = EventKind.TCP_SEND;
        send.host = "WS-0042";
        send.pid = 7312;
        send.size = 512;
        DataOutputSerializer out = new DataOutputSerializer(64);
        EtwEventSerializer.INSTANCE.serialize(send, out);

        // kind, end, and per field a tag and its value: the host's length and 7 bytes, two longs.
        assertThat(out.length()).isEqualTo(1 + 1 + (1 + 4 + 7) + 2 * (1 + 8));
    }

    @Test
    void serializesWithoutKryo() throws IOException {
        TypeSerializer<EtwEvent> serializer = serializerWithoutGenericTypes();

        for (EtwEvent event : List.of(everyFieldSet(), new EtwEvent())) {
            assertThat(roundTrip(serializer, event)).isEqualTo(event);
            assertThat(serializer.copy(event)).isEqualTo(event);
        }
    }

    @Test
    void equalsComparesEveryField() throws IllegalAccessException {
        EtwEvent reference = everyFieldSet();
        for (Field field : instanceFields()) {
            EtwEvent changed = everyFieldSet();
            field.set(changed, otherValue(field.getType(), field.get(changed)));

            assertThat(changed).as(field.getName()).isNotEqualTo(reference);
        }
        assertThat(everyFieldSet()).isEqualTo(reference).hasSameHashCodeAs(reference);
    }

    @Test
    void showsOnlyTheFieldsThatAreSet() {
        EtwEvent event = new EtwEvent();
        event.kind = EventKind.TCP_SEND;
        event.pid = 7312;
        event.remoteIp = "203.0.113.7";

        assertThat(event).hasToString("EtwEvent{TCP_SEND, pid=7312, remoteIp=203.0.113.7}");
    }

    private static TypeSerializer<EtwEvent> serializerWithoutGenericTypes() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        // Throws for any field type that would need Kryo.
        config.setGenericTypes(false);
        return TypeInformation.of(EtwEvent.class).createSerializer(config);
    }

    private static EtwEvent roundTrip(TypeSerializer<EtwEvent> serializer, EtwEvent event) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(event, out);
        return serializer.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    }

    private static List<Field> instanceFields() {
        return Arrays.stream(EtwEvent.class.getFields()).filter(field -> !Modifier.isStatic(field.getModifiers())).toList();
    }

    /** An event with a distinct non-default value in every field. */
    private static EtwEvent everyFieldSet() {
        EtwEvent event = new EtwEvent();
        int counter = 0;
        try {
            for (Field field : instanceFields()) {
                counter++;
                Class<?> type = field.getType();
                if (type == long.class) {
                    field.setLong(event, 1000L + counter);
                } else if (type == int.class) {
                    field.setInt(event, 1000 + counter);
                } else if (type == String.class) {
                    field.set(event, field.getName() + counter);
                } else if (type == String[].class) {
                    field.set(event, new String[] {field.getName(), "x" + counter});
                } else if (type == EventKind.class) {
                    field.set(event, EventKind.DNS_ANSWER);
                } else {
                    throw new AssertionError("no test value for " + field);
                }
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        return event;
    }

    private static Object otherValue(Class<?> type, Object value) {
        if (type == long.class) {
            return (long) value + 1;
        }
        if (type == int.class) {
            return (int) value + 1;
        }
        if (type == String.class) {
            return value + "'";
        }
        if (type == String[].class) {
            return new String[] {"other"};
        }
        return EventKind.PASSED_OVER;
    }
}
