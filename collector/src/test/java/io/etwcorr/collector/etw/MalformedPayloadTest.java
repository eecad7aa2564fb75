package io.etwcorr.collector.etw;

import io.etwcorr.schemas.etw.EtwProvider;
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

    @Test
    void everyTruncationOfEveryLayoutIsRejected() {
        for (LayoutFixture fixture : LayoutFixtures.all()) {
            byte[] full = fixture.payload().bytes();
            int rejectedBefore = rejected;
            for (int length = 0; length < full.length; length++) {
                boolean decoded = decodeBetweenCanaries(fixture.key(), Arrays.copyOf(full, length), fixture.payload().pointers32Bit());
                assertThat(decoded || length < fixture.payload().decodedLength())
                        .as(fixture + " truncated to " + length).isTrue();
            }
            assertThat(rejected - rejectedBefore).as(fixture + ": every cut into its fields")
                    .isEqualTo(fixture.payload().decodedLength());
        }
        assertThat(rejected).isGreaterThan(3000);
    }

    @Test
    void unterminatedStringsAreRejected() {
        int stringFields = 0;
        for (LayoutFixture fixture : LayoutFixtures.all()) {
            for (String field : fixture.payload().stringFields()) {
                byte[] payload = fixture.payload().bytes();
                // From the string to the end no byte is zero, so no terminator can be found.
                Arrays.fill(payload, fixture.payload().offset(field), payload.length, (byte) 'A');
                assertThat(decodeBetweenCanaries(fixture.key(), payload, false)).as(fixture + " " + field).isFalse();
                stringFields++;
            }
        }
        assertThat(rejected).isEqualTo(stringFields).isGreaterThan(50);
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
