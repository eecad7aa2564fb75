package io.etwcorr.schemas.raw;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import org.junit.jupiter.api.Test;

/** Generated envelopes survive encode → decode unchanged, and the schema accepts them. */
class RawEventRoundTripTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void generatedEventsRoundTripLosslessly() throws Exception {
        RandomRawEvents events = new RandomRawEvents(42);
        for (int i = 0; i < 5_000; i++) {
            RawEvent event = events.next();
            byte[] encoded = RawEventCodec.encode(event);
            RawEvent decoded = RawEventCodec.decode(encoded);
            assertThat(decoded).isEqualTo(event);
            assertThat(decoded.props().keySet()).containsExactlyElementsOf(event.props().keySet());
            assertThat(RawEventCodec.encode(decoded)).isEqualTo(encoded);
            String text = RawEventCodec.encodeToString(decoded);
            assertThat(RawEventCodec.decode(text)).isEqualTo(event);
            assertThat(MAPPER.readTree(text)).isEqualTo(MAPPER.readTree(encoded));
        }
    }

    @Test
    void theSchemaAcceptsEveryGeneratedEvent() {
        RandomRawEvents events = new RandomRawEvents(7);
        for (int i = 0; i < 1_000; i++) {
            String json = RawEventCodec.encodeToString(events.next());
            assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, json)).as(json).isEmpty();
        }
    }
}
