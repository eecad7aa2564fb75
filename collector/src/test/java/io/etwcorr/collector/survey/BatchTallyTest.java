package io.etwcorr.collector.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchTallyTest {
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    private static final long START_MICROS = ChronoUnit.MICROS.between(Instant.EPOCH, START);
    private static final long SECOND = 1_000_000;
    private static final UUID DNS = UUID.fromString("1c95126e-7eea-49a9-a3fe-a378b03ddb4d");
    private static final UUID PROCESS = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");
    private static final SurveyWindows TWO_WINDOWS = new SurveyWindows(START, Duration.ofSeconds(10), 2);

    @Test
    void placesEventsByTheirTimestampsInHalfOpenWindows() {
        assertThat(TWO_WINDOWS.windowOf(START_MICROS - 1)).isEqualTo(SurveyWindows.OUTSIDE);
        assertThat(TWO_WINDOWS.windowOf(START_MICROS)).isEqualTo(SurveyWindows.BASELINE);
        assertThat(TWO_WINDOWS.windowOf(START_MICROS + 10 * SECOND - 1)).isEqualTo(SurveyWindows.BASELINE);
        assertThat(TWO_WINDOWS.windowOf(START_MICROS + 10 * SECOND)).isEqualTo(SurveyWindows.STIMULUS);
        assertThat(TWO_WINDOWS.windowOf(START_MICROS + 20 * SECOND - 1)).isEqualTo(SurveyWindows.STIMULUS);
        assertThat(TWO_WINDOWS.windowOf(START_MICROS + 20 * SECOND)).isEqualTo(SurveyWindows.OUTSIDE);
        assertThat(TWO_WINDOWS.end(SurveyWindows.STIMULUS)).isEqualTo(START.plusSeconds(20));
    }

    @Test
    void countsPerProviderAndWindowAndSetsAsideWhatBelongsToNeither() {
        BatchTally tally = new BatchTally(List.of(DNS, PROCESS), TWO_WINDOWS);

        tally.record(DNS, 3008, 0x10, START_MICROS + SECOND);
        tally.record(DNS, 3008, 0x8000_0000_0000_0000L, START_MICROS + 2 * SECOND);
        tally.record(DNS, 3020, 0x10, START_MICROS + 11 * SECOND);
        tally.record(PROCESS, 1, 0x10, START_MICROS + 12 * SECOND);
        tally.record(UUID.randomUUID(), 1, 0, START_MICROS + SECOND);
        tally.record(DNS, 3008, 0, START_MICROS + 30 * SECOND);

        assertThat(tally.tally(DNS, SurveyWindows.BASELINE).events()).isEqualTo(2);
        assertThat(tally.tally(DNS, SurveyWindows.BASELINE).keywordBits()).containsExactly(0x10L, 0x8000_0000_0000_0000L);
        assertThat(tally.tally(DNS, SurveyWindows.STIMULUS).eventIds()).containsExactly(3020);
        assertThat(tally.tally(PROCESS, SurveyWindows.BASELINE).events()).isZero();
        assertThat(tally.tally(PROCESS, SurveyWindows.STIMULUS).events()).isEqualTo(1);
        assertThat(tally.unattributed()).isEqualTo(1);
        assertThat(tally.outsideWindows()).isEqualTo(1);
    }

    @Test
    void topEventIdsAreTheMostFrequentFirstTiesByIdAndAtMostTheLimit() {
        EventTally tally = new EventTally();
        int[] ids = {7, 7, 7, 3, 3, 9, 9, 1};
        for (int id : ids) {
            tally.add(id, 0);
        }

        assertThat(tally.topEventIds(3)).containsExactly(new EventIdCount(7, 3), new EventIdCount(3, 2),
                new EventIdCount(9, 2));
        assertThat(tally.events()).isEqualTo(ids.length);
        assertThat(tally.keywordBits()).isEmpty();
    }
}
