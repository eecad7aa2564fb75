package io.etwcorr.collector.etw;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Loads the ETW libraries on first use and only on Windows, so the rest of the collector (decoders,
 * replay, tests) runs anywhere without touching native code.
 */
public final class EtwLibraries {
    private EtwLibraries() {
    }

    /** advapi32.dll's ETW functions; {@link UnsupportedOperationException} when not on Windows. */
    public static Advapi32Etw advapi32() {
        requireWindows();
        return Advapi32Holder.INSTANCE;
    }

    /** tdh.dll; {@link UnsupportedOperationException} when not on Windows. */
    public static Tdh tdh() {
        requireWindows();
        return TdhHolder.INSTANCE;
    }

    private static void requireWindows() {
        if (!Platform.isWindows()) {
            throw new UnsupportedOperationException("ETW is only available on Windows, not on " + System.getProperty("os.name"));
        }
    }

    // Holder classes: the JVM initializes (and so loads) each library at its first use only.
    private static final class Advapi32Holder {
        static final Advapi32Etw INSTANCE = Native.load("advapi32", Advapi32Etw.class);
    }

    private static final class TdhHolder {
        static final Tdh INSTANCE = Native.load("tdh", Tdh.class);
    }
}
