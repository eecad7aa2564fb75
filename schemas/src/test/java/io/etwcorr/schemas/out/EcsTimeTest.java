package io.etwcorr.schemas.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EcsTimeTest {
    @Test
    void formatsMicrosecondsAsUtcWithSixFractionDigits() {
        assertThat(EcsTime.format(1795635067123456L)).isEqualTo("2026-11-25T19:31:07.123456Z");
        assertThat(EcsTime.format(0)).isEqualTo("1970-01-01T00:00:00.000000Z");
        assertThat(EcsTime.format(-1)).isEqualTo("1969-12-31T23:59:59.999999Z");
    }

    @Test
    void parsesWhatItFormats() {
        for (long micros : new long[] {0, -1, 1795635067123456L, 1, 999_999, 253402300799999999L}) {
            assertThat(EcsTime.parse(EcsTime.format(micros))).isEqualTo(micros);
        }
        assertThat(EcsTime.parse("2026-11-25T19:31:07Z")).isEqualTo(1795635067000000L);
    }

    @Test
    void agreesWithTheJdkFormatterWhateverSecondCameBefore() {
        DateTimeFormatter reference = new DateTimeFormatterBuilder()
                .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
                .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
                .appendLiteral('Z')
                .toFormatter()
                .withZone(ZoneOffset.UTC);
        SplittableRandom random = new SplittableRandom(7);
        long micros = 1795635067123456L;
        for (int i = 0; i < 20_000; i++) {
            // Mostly the same or the next second, sometimes anywhere: the cached second must never leak.
            micros = switch (random.nextInt(3)) {
                case 0 -> micros + random.nextInt(1_000);
                case 1 -> micros + random.nextInt(2_000_000);
                default -> random.nextLong(-62_135_596_800_000_000L, 253402300799999999L);
            };
            Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);

            assertThat(EcsTime.format(micros)).as("%d", micros).isEqualTo(reference.format(instant));
        }
    }
}
