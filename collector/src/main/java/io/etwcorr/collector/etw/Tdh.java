package io.etwcorr.collector.etw;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The Trace Data Helper functions of tdh.dll used by the generic decoder. Both follow the Win32
 * two-call pattern: a too small buffer returns ERROR_INSUFFICIENT_BUFFER (122) with the size
 * needed in {@code bufferSize}. Obtain the instance from {@link EtwLibraries#tdh()}.
 */
public interface Tdh extends Library {
    /** Fills {@code buffer} with a PROVIDER_ENUMERATION_INFO of every registered provider. */
    int TdhEnumerateProviders(Pointer buffer, IntByReference bufferSize);

    /** Fills {@code buffer} with the TRACE_EVENT_INFO (property names and types) of {@code eventRecord}. */
    int TdhGetEventInformation(Pointer eventRecord, int tdhContextCount, Pointer tdhContext, Pointer buffer,
            IntByReference bufferSize);
}
