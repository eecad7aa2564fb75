package io.etwcorr.jobs.sequence;

import static io.etwcorr.jobs.sequence.SequenceWindow.Outcome.BELOW_WINDOW;
import static io.etwcorr.jobs.sequence.SequenceWindow.Outcome.DUPLICATE;
import static io.etwcorr.jobs.sequence.SequenceWindow.Outcome.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SequenceWindowTest {

    private static final int SIZE = 64;

    private final SequenceWindow window = new SequenceWindow(SIZE);
    private final long[] gaps = {0};

    private SequenceWindow.Outcome accept(long seq) {
        return window.accept(seq, gaps);
    }

    @Test
    void inOrderNumbersAreNewAndLeaveNoGaps() {
        for (long seq = 0; seq < 5 * SIZE; seq++) {
            assertThat(accept(seq)).isEqualTo(NEW);
        }
        assertThat(gaps[0]).isZero();
        assertThat(window.openGaps()).isZero();
    }

    @Test
    void aNumberSeenInsideTheWindowIsADuplicate() {
        accept(0);
        accept(1);
        accept(2);

        assertThat(accept(1)).isEqualTo(DUPLICATE);
        assertThat(accept(2)).isEqualTo(DUPLICATE);
        assertThat(gaps[0]).isZero();
    }

    @Test
    void outOfOrderNumbersFillTheirHoles() {
        assertThat(accept(0)).isEqualTo(NEW);
        assertThat(accept(2)).isEqualTo(NEW);
        assertThat(window.openGaps()).isEqualTo(1);

        assertThat(accept(1)).isEqualTo(NEW);
        assertThat(window.openGaps()).isZero();
        assertThat(gaps[0]).isZero();
    }

    @Test
    void aHoleIsCountedOnceWhenTheWindowSlidesPastIt() {
        accept(0);
        accept(2);

        assertThat(accept(SIZE + 2)).isEqualTo(NEW); // the window is now [3, 66]: 1 left it unseen
        assertThat(gaps[0]).isEqualTo(1);
        assertThat(window.openGaps()).isEqualTo(SIZE - 1); // 3..65

        for (long seq = 3; seq < SIZE + 2; seq++) {
            accept(seq);
        }
        assertThat(window.openGaps()).isZero();
        accept(3 * SIZE); // the window is now [129, 192]
        assertThat(gaps[0]).as("1, then 67..128").isEqualTo(1 + 62);
        assertThat(window.openGaps()).as("129..191").isEqualTo(63);
    }

    @Test
    void aJumpLargerThanTheWindowCountsEverythingItSkipped() {
        accept(0);

        assertThat(accept(200)).isEqualTo(NEW);

        assertThat(gaps[0]).as("1..136 fell below the new window [137, 200]").isEqualTo(136);
        assertThat(window.openGaps()).as("137..199").isEqualTo(63);
        assertThat(accept(150)).isEqualTo(NEW);
        assertThat(accept(150)).isEqualTo(DUPLICATE);
        assertThat(window.openGaps()).isEqualTo(62);
    }

    @Test
    void aNumberBelowTheWindowCannotBeToldFromADuplicate() {
        for (long seq = 0; seq <= SIZE; seq++) {
            accept(seq);
        }

        assertThat(accept(0)).as("slid out, its bit now holds 64").isEqualTo(BELOW_WINDOW);
        assertThat(accept(1)).as("the lowest number still inside").isEqualTo(DUPLICATE);
        assertThat(gaps[0]).isZero();
    }

    @Test
    void aRunFirstSeenAboveItsLowestNumberCountsTheHolesAboveThatNumber() {
        accept(5);
        assertThat(accept(3)).isEqualTo(NEW);

        assertThat(window.openGaps()).as("4; nothing is known below 3").isEqualTo(1);
    }

    @Test
    void everyMissingNumberIsCountedExactlyOnceWhateverTheDisorder() {
        Random random = new Random(20261125L);
        List<Long> arrivals = new ArrayList<>();
        TreeSet<Long> sent = new TreeSet<>();
        for (long seq = 0; seq < 5_000; seq++) {
            if (random.nextInt(20) != 0) {
                sent.add(seq);
            }
        }
        // Shuffle within blocks shorter than the window: disorder, but never below it.
        List<Long> block = new ArrayList<>();
        for (long seq : sent) {
            block.add(seq);
            if (block.size() == SIZE / 2) {
                Collections.shuffle(block, random);
                arrivals.addAll(block);
                block.clear();
            }
        }
        arrivals.addAll(block);
        arrivals.add(arrivals.get(arrivals.size() - 3)); // one duplicate, still inside the window

        long duplicates = arrivals.stream().filter(seq -> accept(seq) == DUPLICATE).count();

        long missing = sent.last() - sent.first() + 1 - sent.size();
        assertThat(duplicates).isEqualTo(1);
        assertThat(gaps[0] + window.openGaps()).isEqualTo(missing);
    }

    @Test
    void gapsCountedAtAFlushAreNotCountedAgain() {
        accept(0);
        accept(2);

        assertThat(window.countOpenGaps()).isEqualTo(1);
        assertThat(window.countOpenGaps()).isZero();
        assertThat(window.openGaps()).isZero();

        accept(5);
        assertThat(window.countOpenGaps()).as("3 and 4").isEqualTo(2);
        assertThat(accept(4)).as("a counted gap that turns up after all is used").isEqualTo(NEW);
        accept(SIZE + 10); // the ring is now [11, 74]: 1 and 3 leave it, counted already
        assertThat(gaps[0]).as("6..10 only").isEqualTo(5);
    }

    @Test
    void theSizeMustBeAPositiveMultipleOf64() {
        assertThatThrownBy(() -> new SequenceWindow(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SequenceWindow(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
