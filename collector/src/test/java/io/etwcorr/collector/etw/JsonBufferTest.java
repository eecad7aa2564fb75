package io.etwcorr.collector.etw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBufferTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 9, 10, 99, 100, 101, 999, 1000, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
            999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE, -1, -10, Integer.MIN_VALUE,
            Long.MIN_VALUE + 1, Long.MIN_VALUE, 1_795_633_627_123_456L})
    void numbersAreWrittenAsLongToStringWrites(long value) {
        assertThat(written(value)).isEqualTo(Long.toString(value));
    }

    @Test
    void randomNumbersOfEveryLengthAreWrittenAsLongToStringWrites() {
        Random random = new Random(18);
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong() >> random.nextInt(64);
            assertThat(written(value)).isEqualTo(Long.toString(value));
        }
    }

    @Test
    void unsignedValuesAboveTheSignedRangeAreDecimalStrings() {
        JsonBuffer out = new JsonBuffer(4);
        out.unsignedNumber(-1);
        out.raw(',');
        out.unsignedNumber(42);

        assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("\"18446744073709551615\",42");
    }

    private static String written(long value) {
        JsonBuffer out = new JsonBuffer(1);
        out.number(value);
        return new String(out.toByteArray(), StandardCharsets.US_ASCII);
    }
}
