package io.etwcorr.schemas.out;

import static org.assertj.core.api.Assertions.assertThat;

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
}
