package io.etwcorr.collector.etw;

import io.etwcorr.schemas.etw.EtwProvider;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoded props in a RawEvent envelope are valid contract records and survive the codec unchanged. */
class RawEventEnvelopeTest {
    private static final ManifestDecoders DECODERS = ManifestDecoders.standard();

    static List<LayoutFixture> fixtures() {
        return LayoutFixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodedPropsMakeAValidRawEvent(LayoutFixture fixture) throws PayloadException, RawEventException {
        EventKey key = fixture.key();
        Map<String, Object> props = DECODERS.decode(key.provider(), key.id(), key.version(), fixture.reader());
        EtwProvider provider = Arrays.stream(EtwProvider.values()).filter(p -> p.guid().equals(key.provider()))
                .findFirst().orElseThrow();
        RawEvent event = new RawEvent(1, "WS-0042", "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10", 17, 1_795_633_627_123_456L,
                provider.providerName(), provider.guidText(), key.id(), key.version(), null, 5120, 6000, props, null);

        String json = RawEventCodec.encodeToString(event);

        assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, json)).as(json).isEmpty();
        assertThat(RawEventCodec.decode(json).props()).containsExactlyEntriesOf(fixture.payload().expected());
    }
}
