package io.etwcorr.simulator;

import java.util.SplittableRandom;

/**
 * The addresses a ThreadStart reports. A normal thread starts inside a loaded image; an injected
 * one starts in private memory the injector allocated, which is what an analyst would look at.
 */
record ThreadAddresses(long kernelStack, long userStack, long start, long win32Start, long teb) {
    private static final long NTDLL_THREAD_START = 0x7FFC_2A5C_0000L;

    static ThreadAddresses inImage(SplittableRandom random) {
        long image = 0x7FF6_0000_0000L + ((long) random.nextInt(0x10000) << 16);
        return of(random, image + 0x1000 + 16L * random.nextInt(0x8000));
    }

    static ThreadAddresses inPrivateMemory(SplittableRandom random) {
        long allocation = 0x0000_01F0_0000_0000L + ((long) random.nextInt(0x10000) << 16);
        return of(random, allocation);
    }

    private static ThreadAddresses of(SplittableRandom random, long win32Start) {
        long kernelStack = 0xFFFF_F80C_0000_0000L + ((long) random.nextInt(0x100000) << 12);
        long userStack = 0x0000_00A0_0000_0000L + ((long) random.nextInt(0x10000) << 20);
        long teb = 0x0000_00C0_0000_0000L + ((long) random.nextInt(0x10000) << 12);
        return new ThreadAddresses(kernelStack, userStack, NTDLL_THREAD_START + 0x1A0, win32Start, teb);
    }
}
