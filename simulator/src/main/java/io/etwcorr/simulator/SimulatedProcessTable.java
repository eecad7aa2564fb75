package io.etwcorr.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The processes alive on one simulated host, with Windows' numbering: PIDs are multiples of 4
 * and are handed out again soon after their process exits, while ProcessSequenceNumbers only grow.
 */
final class SimulatedProcessTable {
    private static final int MIN_PID = 400;
    private static final int PID_SLOTS = 12_000;
    private static final long PID_QUARANTINE = 2 * Micros.SECOND;
    private static final int FREED_REMEMBERED = 64;
    private static final double REUSE_PROBABILITY = 0.6;

    private final SplittableRandom random;
    private final Map<Long, SimProcess> liveBySequence = new TreeMap<>();
    private final Set<Integer> livePids = new HashSet<>();
    private final Deque<FreedPid> freed = new ArrayDeque<>();
    private long nextSequence;
    private int nextThreadId;

    private record FreedPid(int pid, long freedAt) {
    }

    SimulatedProcessTable(SplittableRandom random, long firstSequence) {
        this.random = random;
        this.nextSequence = firstSequence;
        this.nextThreadId = 4 * (1000 + random.nextInt(2000));
    }

    /** A new live process; the caller reports its start. */
    SimProcess start(long createTime, SimProcess parent, ProcessImage image, String commandLine, String user, int session) {
        return register(new SimProcess(allocatePid(createTime), nextSequence++, parent.pid(), parent.sequence(), createTime,
                image, commandLine, user, session, newThreadId()));
    }

    /** A process with a fixed PID and sequence number (System), or one started before the collector. */
    SimProcess register(SimProcess process) {
        liveBySequence.put(process.sequence(), process);
        livePids.add(process.pid());
        nextSequence = Math.max(nextSequence, process.sequence() + 1);
        return process;
    }

    /** Removes an exited process; its PID becomes available for reuse. */
    void exit(SimProcess process, long exitTime) {
        liveBySequence.remove(process.sequence());
        livePids.remove(process.pid());
        freed.addLast(new FreedPid(process.pid(), exitTime));
        if (freed.size() > FREED_REMEMBERED) {
            freed.removeFirst();
        }
    }

    /** Takes a sequence number for a process the simulation never shows (one that exited before the collector started). */
    long skipSequence() {
        return nextSequence++;
    }

    /** A PID that no live process uses and that was not freed recently. */
    int freshPid() {
        while (true) {
            int pid = MIN_PID + 4 * random.nextInt(PID_SLOTS);
            if (!livePids.contains(pid) && freed.stream().noneMatch(f -> f.pid() == pid)) {
                return pid;
            }
        }
    }

    int newThreadId() {
        nextThreadId += 4 * (1 + random.nextInt(6));
        if (nextThreadId > 60_000) {
            nextThreadId = 4 * (1000 + random.nextInt(500));
        }
        return nextThreadId;
    }

    /** The live process with this sequence number, or null. */
    SimProcess bySequence(long sequence) {
        return liveBySequence.get(sequence);
    }

    /** The oldest live process running {@code imageName}, or null. */
    SimProcess oldest(String imageName) {
        return liveBySequence.values().stream().filter(p -> p.name().equalsIgnoreCase(imageName)).findFirst().orElse(null);
    }

    /** Live processes in start order. */
    List<SimProcess> live() {
        return new ArrayList<>(liveBySequence.values());
    }

    /** A live process other than System (the first one), drawn with {@code random}. */
    SimProcess anyButSystem(SplittableRandom random) {
        List<SimProcess> live = live();
        return live.get(1 + random.nextInt(live.size() - 1));
    }

    /** {@code process} and its live ancestors, oldest first. */
    List<SimProcess> ancestry(SimProcess process) {
        List<SimProcess> chain = new ArrayList<>();
        for (SimProcess p = process; p != null && !chain.contains(p); p = bySequence(p.parentSequence())) {
            chain.add(0, p);
        }
        return chain;
    }

    private int allocatePid(long now) {
        FreedPid oldest = freed.peekFirst();
        if (oldest != null && now - oldest.freedAt() >= PID_QUARANTINE && !livePids.contains(oldest.pid())
                && random.nextDouble() < REUSE_PROBABILITY) {
            freed.removeFirst();
            return oldest.pid();
        }
        return freshPid();
    }
}
