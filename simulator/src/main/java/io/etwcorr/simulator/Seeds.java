package io.etwcorr.simulator;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Independent random streams derived from the fleet seed, one per purpose, so that adding a
 * behaviour to one host does not shift the random choices of another (and a schedule can be
 * recomputed alone, as {@link CorpusGrid} does).
 */
final class Seeds {
    static final long HOST = 1;
    static final long RUN_ID = 2;
    static final long IMPLANT_SCHEDULE = 3;
    static final long IMPLANT_WIRE = 4;
    static final long C2_ADDRESSES = 5;
    static final long GRID = 6;
    static final long TRANSFER_SHAPE = 7;
    static final long QUIC_VIDEO = 8;
    static final long VIDEO_MEETING = 9;

    private Seeds() {
    }

    /** A random stream for the purpose named by {@code parts}, e.g. (seed, HOST, hostIndex). */
    static SplittableRandom random(long... parts) {
        return new SplittableRandom(mix(parts));
    }

    static long mix(long... parts) {
        long h = 0x243F6A8885A308D3L;
        for (long part : parts) {
            h = finish(h ^ finish(part + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    /** A version-4 UUID from the stream. */
    static UUID uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** A value of {@code text} that does not depend on the JVM (String.hashCode is specified). */
    static long of(String text) {
        return finish(text.hashCode());
    }

    // The SplitMix64 finalizer: a bijection that spreads every input bit over the output.
    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
