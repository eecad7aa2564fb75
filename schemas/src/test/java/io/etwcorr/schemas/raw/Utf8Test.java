package io.etwcorr.schemas.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8#firstInvalidOffset} finds what the JDK's strict decoder refuses, at the same offset. */
class Utf8Test {
    private static final byte[] NOT_ASCII = {(byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC2, (byte) 0xDF,
            (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF, (byte) 0x9F,
            (byte) 0xA0, (byte) 0x8F, (byte) 0x90};

    @Test
    void agreesWithTheJdkDecoderOnMostlyAsciiInputOfEveryLengthAndOffset() {
        Random random = new Random(18);
        int invalid = 0;
        for (int trial = 0; trial < 50_000; trial++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(6) == 0 ? NOT_ASCII[random.nextInt(NOT_ASCII.length)] : (byte) (' ' + random.nextInt(90));
            }
            int expected = jdkFirstInvalidOffset(bytes);
            assertThat(Utf8.firstInvalidOffset(bytes)).as(Arrays.toString(bytes)).isEqualTo(expected);
            invalid += expected >= 0 ? 1 : 0;
        }
        assertThat(invalid).as("trials with an ill-formed sequence").isBetween(10_000, 49_000);
    }

    @Test
    void acceptsWellFormedTextOfEveryPlane() {
        byte[] text = "ascii, é, € and 😀 past the eighth byte: ü".getBytes(StandardCharsets.UTF_8);
        for (int start = 0; start < 9; start++) {
            assertThat(Utf8.firstInvalidOffset(Arrays.copyOfRange(text, start, text.length)))
                    .isEqualTo(jdkFirstInvalidOffset(Arrays.copyOfRange(text, start, text.length)));
        }
        assertThat(Utf8.firstInvalidOffset(text)).isEqualTo(-1);
    }

    private static int jdkFirstInvalidOffset(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length * 2 + 2), true);
        return result.isError() ? in.position() : -1;
    }
}
