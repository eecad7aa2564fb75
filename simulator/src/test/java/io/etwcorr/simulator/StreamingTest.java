package io.etwcorr.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamingTest {
    private static final long EVENTS = 2_000_000;

    @Test
    void twoMillionEventsStreamWithoutHeapGrowth() {
        FleetEvents events = FleetSimulator.events(FleetSpec.benign(200, 1, 12 * 3600).withRateScale(1.0));
        long heapAtStart = 0;
        long count = 0;
        while (count < EVENTS && events.hasNext()) {
            events.next();
            count++;
            if (count == EVENTS / 10) {
                heapAtStart = usedHeapAfterGc();
            }
        }
        assertThat(count).isEqualTo(EVENTS);
        // Only each host's pending events and schedule are held: nothing grows with the count.
        assertThat(usedHeapAfterGc() - heapAtStart).isLessThan(32L << 20);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
