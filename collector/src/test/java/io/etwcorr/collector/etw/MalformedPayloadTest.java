package io.etwcorr.collector.etw;

import io.etwcorr.schemas.etw.EtwCatalog;
import io.etwcorr.schemas.etw.EtwProperty;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.etw.WireType;
import io.etwcorr.testkit.etw.PayloadFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Payloads that do not match their layout fail with {@link PayloadException} only, and nothing
 * outside the payload slice is read: the slice sits between canary bytes whose characters must
 * never appear in a decoded value.
 */
class MalformedPayloadTest {
    private static final ManifestDecoders DECODERS = ManifestDecoders.standard();
    private static final byte CANARY = '~';
    private static final int CANARY_LENGTH = 64;
    /** UserDataLength is a USHORT. */
    private static final int MAX_PAYLOAD = 65535;

    private int rejected;
    private int accepted;

    /**
     * A cut into the fields is rejected, except a cut into a layout's final string that leaves one or
     * more whole characters: a string without terminator ends at the end of the payload (tdh.h tolerates an
     * unterminated last string), which such a cut cannot be told from.
     */
    @Test
    void everyTruncationOfEveryLayoutIsRejectedButAFinalStringCutAtACharacter() {
        int finalStringCuts = 0;
        for (LayoutFixture fixture : LayoutFixtures.all()) {
            byte[] full = fixture.payload().bytes();
            WireType lastType = lastProperty(fixture.key()).type();
            String lastName = lastProperty(fixture.key()).name();
            boolean endsWithString = lastType == WireType.UNICODE_STRING || lastType == WireType.ANSI_STRING;
            int stringStart = endsWithString ? fixture.payload().offset(lastName) : Integer.MAX_VALUE;
            int characterBytes = lastType == WireType.UNICODE_STRING ? 2 : 1;
            for (int length = 0; length < fixture.payload().decodedLength(); length++) {
                boolean wholeCharacters = length > stringStart && (length - stringStart) % characterBytes == 0;
                boolean decoded = decodeBetweenCanaries(fixture.key(), Arrays.copyOf(full, length),
                        fixture.payload().pointers32Bit());
                assertThat(decoded).as(fixture + " truncated to " + length).isEqualTo(wholeCharacters);
                finalStringCuts += wholeCharacters ? 1 : 0;
            }
        }
        assertThat(rejected).isGreaterThan(3000);
        assertThat(finalStringCuts).isGreaterThan(100);
    }

    /** From a string to the end no byte is zero: a final string takes the rest, any other leaves the next field nothing. */
    @Test
    void unterminatedStringsAreRejectedUnlessLast() throws PayloadException {
        int stringFields = 0;
        int finalStrings = 0;
        for (LayoutFixture fixture : LayoutFixtures.all()) {
            String lastName = lastProperty(fixture.key()).name();
            for (String field : fixture.payload().stringFields()) {
                byte[] payload = fixture.payload().bytes();
                int start = fixture.payload().offset(field);
                Arrays.fill(payload, start, payload.length, (byte) 'A');
                boolean last = field.equals(lastName);
                assertThat(decodeBetweenCanaries(fixture.key(), payload, false)).as(fixture + " " + field).isEqualTo(last);
                if (last) {
                    Map<String, Object> props = DECODERS.decode(fixture.key().provider(), fixture.key().id(),
                            fixture.key().version(), PayloadReader.of(payload, 0, payload.length, false));
                    assertThat(((String) props.get(field)).length() * (lastProperty(fixture.key()).type()
                            == WireType.UNICODE_STRING ? 2 : 1)).as(fixture + " " + field + " to the end")
                            .isEqualTo(payload.length - start);
                    finalStrings++;
                }
                stringFields++;
            }
        }
        assertThat(rejected).isEqualTo(stringFields - finalStrings).isGreaterThan(30);
        assertThat(finalStrings).isGreaterThan(10);
    }

    @Test
    void aMaximumLengthPayloadWithoutTerminatorsIsRejectedWithoutOverrun() {
        byte[] noTerminator = new byte[MAX_PAYLOAD];
        Arrays.fill(noTerminator, (byte) 'A');
        for (EventKey key : DECODERS.keys()) {
            decodeBetweenCanaries(key, noTerminator, false);
        }
        // Every DNS layout starts with a string; the others read their fixed fields and ignore the rest.
        long dnsLayouts = DECODERS.keys().stream().filter(k -> k.provider().equals(EtwProvider.DNS_CLIENT.guid())).count();
        assertThat(rejected).isGreaterThanOrEqualTo((int) dnsLayouts);
        assertThat(rejected + accepted).isEqualTo(DECODERS.keys().size());
    }

    @Test
    void aLongValidStringIsDecodedWhole() throws PayloadException {
        String longName = "\\Device\\HarddiskVolume3\\" + "x".repeat(32_000) + ".exe";
        PayloadFixture fixture = new PayloadFixture().u32("ProcessID", 4).filetime("CreateTime", 0).u32("ParentProcessID", 0)
                .u32("SessionID", 0).unicode("ImageName", longName);
        byte[] bytes = fixture.bytes();

        Map<String, Object> props = DECODERS.decode(EtwProvider.KERNEL_PROCESS.guid(), 1, 0,
                PayloadReader.of(bytes, 0, bytes.length, false));

        assertThat(props).containsEntry("ImageName", longName);
    }

    @Test
    void absurdSidSubAuthorityCountsAreRejected() {
        PayloadFixture start = LayoutFixtures.processStart(3);
        byte[] payload = start.bytes();
        payload[start.offset("MandatoryLabel") + 1] = (byte) 200;

        assertThatThrownBy(() -> DECODERS.decode(EtwProvider.KERNEL_PROCESS.guid(), 1, 3,
                PayloadReader.of(payload, 0, payload.length, false)))
                .isInstanceOf(PayloadException.class).hasMessageContaining("MandatoryLabel: SID with 200 sub-authorities");
    }

    @Test
    void payloadsOfOtherVersionsAndLayoutsFailOnlyWithPayloadException() {
        List<LayoutFixture> fixtures = LayoutFixtures.all();
        for (LayoutFixture fixture : fixtures) {
            for (EventKey key : DECODERS.keys()) {
                decodeBetweenCanaries(key, fixture.payload().bytes(), fixture.payload().pointers32Bit());
            }
        }
        assertThat(rejected + accepted).isEqualTo(fixtures.size() * DECODERS.keys().size());
        assertThat(rejected).isGreaterThan(0);
        assertThat(accepted).isGreaterThan(fixtures.size());
    }

    @Test
    void randomBytesFailOnlyWithPayloadException() {
        Random random = new Random(20_260_125);
        for (int i = 0; i < 400; i++) {
            byte[] payload = new byte[random.nextInt(160)];
            random.nextBytes(payload);
            withoutCanaryBytes(payload);
            for (EventKey key : DECODERS.keys()) {
                decodeBetweenCanaries(key, payload, random.nextBoolean());
            }
        }
        assertThat(rejected + accepted).isEqualTo(400 * DECODERS.keys().size());
        assertThat(rejected).isGreaterThan(0);
    }

    /**
     * Decodes {@code payload} placed between canary bytes, through a slice that covers the payload
     * only; true when it decoded, false when it was rejected with a PayloadException (counted). Any
     * other exception propagates and fails the test.
     */
    private boolean decodeBetweenCanaries(EventKey key, byte[] payload, boolean pointers32Bit) {
        byte[] memory = new byte[CANARY_LENGTH + payload.length + CANARY_LENGTH];
        Arrays.fill(memory, CANARY);
        System.arraycopy(payload, 0, memory, CANARY_LENGTH, payload.length);
        ByteBuffer slice = ByteBuffer.wrap(memory, CANARY_LENGTH, payload.length);
        try {
            Map<String, Object> props = DECODERS.decode(key.provider(), key.id(), key.version(),
                    PayloadReader.of(slice, pointers32Bit));
            assertThat(props).as("decoded by " + key).isNotNull();
            assertNoCanaryIn(props, key);
            accepted++;
            return true;
        } catch (PayloadException e) {
            assertThat(e.getMessage()).as("reason").isNotBlank();
            rejected++;
            return false;
        }
    }

    private static EtwProperty lastProperty(EventKey key) {
        List<EtwProperty> properties = EtwCatalog.find(key.provider(), key.id(), key.version()).properties();
        return properties.get(properties.size() - 1);
    }

    /** Random payloads must not contain the canary byte themselves, or its detection would mean nothing. */
    private static void withoutCanaryBytes(byte[] payload) {
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == CANARY) {
                payload[i] = CANARY + 1;
            }
        }
    }

    private static void assertNoCanaryIn(Map<String, Object> props, EventKey key) {
        String asciiCanary = String.valueOf((char) CANARY);
        String utf16Canary = String.valueOf((char) ((CANARY << 8) | CANARY));
        props.forEach((name, value) -> {
            if (value instanceof String text) {
                assertThat(text).as(key + " " + name).doesNotContain(asciiCanary).doesNotContain(utf16Canary);
            }
        });
    }
}
