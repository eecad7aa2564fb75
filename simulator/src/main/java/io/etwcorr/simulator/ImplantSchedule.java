package io.etwcorr.simulator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When an implant calls back. Slots follow each other at intervals drawn per the jitter kind; in
 * every block of {@value #BLOCK} slots exactly round(missed × {@value #BLOCK}) slots, at random
 * positions, are skipped, so the missed fraction holds over any stretch of the corpus. Has its own
 * random stream, so the schedule can be computed without simulating the fleet.
 */
final class ImplantSchedule {
    static final int BLOCK = 20;
    /** The chain needs a few seconds before the implant's first callback. */
    static final long FIRST_CALLBACK_AFTER = 15 * Micros.SECOND;

    private final ImplantSpec spec;
    private final SplittableRandom random;
    private final boolean[] missedInBlock = new boolean[BLOCK];
    private long slotTime;
    private int slot;
    private int missed;

    ImplantSchedule(ImplantSpec spec, long seed, int implantIndex, long chainStart) {
        this.spec = spec;
        this.random = Seeds.random(seed, Seeds.IMPLANT_SCHEDULE, implantIndex);
        this.slotTime = chainStart + FIRST_CALLBACK_AFTER;
    }

    /** The next callback that happens (skipped slots are passed over and counted). */
    long nextCallback() {
        while (true) {
            if (slot % BLOCK == 0) {
                planMisses();
            }
            long time = slotTime;
            boolean skip = missedInBlock[slot % BLOCK];
            slotTime += interval();
            slot++;
            if (!skip) {
                return time;
            }
            missed++;
        }
    }

    /** Slots passed over so far. */
    int missedSlots() {
        return missed;
    }

    private long interval() {
        double low = spec.jitterKind().lowest(spec.sleepS(), spec.jitter());
        double high = spec.jitterKind().highest(spec.sleepS(), spec.jitter());
        return Micros.seconds(high > low ? random.nextDouble(low, high) : low);
    }

    private void planMisses() {
        Arrays.fill(missedInBlock, false);
        int misses = (int) Math.round(spec.missedFraction() * BLOCK);
        for (int placed = 0; placed < misses; ) {
            int position = random.nextInt(BLOCK);
            if (!missedInBlock[position]) {
                missedInBlock[position] = true;
                placed++;
            }
        }
    }
}
