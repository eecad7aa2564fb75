package io.etwcorr.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityIdsTest {

    @Test
    void prefersTheSequenceNumber() {
        assertThat(EntityIds.of("WS-0042", 9981, 7312, 1795633627120001L)).isEqualTo("WS-0042:s9981");
    }

    @Test
    void fallsBackToPidAndCreateTime() {
        assertThat(EntityIds.of("WS-0042", -1, 7312, 1795633627120001L)).isEqualTo("WS-0042:p7312:1795633627120001");
    }

    @Test
    void writesSequenceNumbersUnsigned() {
        assertThat(EntityIds.ofSequence("ws-1.corp", Long.MIN_VALUE)).isEqualTo("ws-1.corp:s9223372036854775808");
    }
}
