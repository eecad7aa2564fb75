package io.etwcorr.testkit.etw;

/**
 * EVENT_HEADER.Flags bits as evntcons.h defines them, written here rather than taken from the
 * collector so that fixtures stay an independent statement of the documented layout.
 */
public final class EventHeaderFlags {
    /** EVENT_HEADER_FLAG_32_BIT_HEADER: the provider ran in a 32-bit process (4-byte pointers). */
    public static final int POINTERS_32_BIT = 0x0020;

    private EventHeaderFlags() {}
}
