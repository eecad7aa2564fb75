package io.etwcorr.jobs.fuzz;

import io.etwcorr.testkit.raw.MalformedRecords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etwcorr.testkit.raw.MalformedRecords.Malformed;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.normalize.EventNormalizer;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The codec and the normalizer together, as the job's first operator runs them: whatever the input,
 * they return an event or throw {@link RawEventException} with a reason (the documented failure),
 * never anything else; and every record that breaks the contract is refused.
 */
class CodecAndNormalizerPropertiesTest {
    private final EventNormalizer normalizer = new EventNormalizer();

    @Property(tries = 3000)
    void everyMalformedRecordIsRefusedWithAReason(@ForAll("malformed") Malformed record) {
        assertThatThrownBy(() -> normalizer.normalize(RawEventCodec.decode(record.bytes())))
                .as(record.toString())
                .isInstanceOf(RawEventException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
    }

    @Property(tries = 2000)
    void anyBytesGiveAnEventOrTheDocumentedException(@ForAll @Size(max = 400) byte[] bytes) {
        assertOnlyDocumentedFailure(bytes);
    }

    @Property(tries = 2000)
    void anyTextGivesAnEventOrTheDocumentedException(@ForAll @Size(max = 400) String text) {
        assertOnlyDocumentedFailure(text.getBytes(StandardCharsets.UTF_8));
        try {
            normalizer.normalize(RawEventCodec.decode(text));
        } catch (RawEventException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 3000)
    void validRecordsWithOneByteChangedGiveAnEventOrTheDocumentedException(
            @ForAll("templates") RawEvent template, @ForAll double where, @ForAll byte value) {
        byte[] bytes = RawEventCodec.encode(template);
        bytes[(int) (Math.abs(where) % 1 * bytes.length)] = value;
        assertOnlyDocumentedFailure(bytes);
    }

    @Example
    void theTemplatesTheMalformedRecordsAreMadeFromAreValid() throws RawEventException {
        for (RawEvent template : MalformedRecords.validTemplates()) {
            EtwEvent event = normalizer.normalize(RawEventCodec.decode(RawEventCodec.encode(template)));
            assertThat(event.kind).as(template.provider() + " " + template.id())
                    .isNotIn(EventKind.PASSED_OVER, EventKind.INVALID);
        }
    }

    @Provide
    Arbitrary<Malformed> malformed() {
        return MalformedRecords.any();
    }

    @Provide
    Arbitrary<RawEvent> templates() {
        return Arbitraries.of(MalformedRecords.validTemplates());
    }

    private void assertOnlyDocumentedFailure(byte[] bytes) {
        try {
            normalizer.normalize(RawEventCodec.decode(bytes));
        } catch (RawEventException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
