package io.etwcorr.collector.etw;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid.GUID;
import com.sun.jna.ptr.LongByReference;

/**
 * The ETW controller and consumer functions of advapi32.dll (jna-platform has none). A TRACEHANDLE
 * is a 64-bit {@code long}; every function but OpenTraceW returns a Win32 error code (0 = success).
 * Obtain the instance from {@link EtwLibraries#advapi32()}, which loads it only on Windows.
 */
public interface Advapi32Etw extends Library {
    /** Starts session {@code instanceName}; {@code properties} must come from {@link EVENT_TRACE_PROPERTIES#forLogger}. */
    int StartTraceW(LongByReference traceHandle, WString instanceName, EVENT_TRACE_PROPERTIES properties);

    /** Queries, updates, flushes or stops a session by handle (or by name with handle 0). */
    int ControlTraceW(long traceHandle, WString instanceName, EVENT_TRACE_PROPERTIES properties, int controlCode);

    /** Enables a provider in the session, or requests its rundown ({@link EtwConstants#EVENT_CONTROL_CODE_CAPTURE_STATE}). */
    int EnableTraceEx2(long traceHandle, GUID providerId, int controlCode, byte level, long matchAnyKeyword,
            long matchAllKeyword, int timeoutMillis, ENABLE_TRACE_PARAMETERS enableParameters);

    /** Opens a consumer handle; {@link EtwConstants#INVALID_PROCESSTRACE_HANDLE} on failure. */
    long OpenTraceW(EVENT_TRACE_LOGFILEW logfile);

    /** Delivers events to the callbacks until the session stops or CloseTrace; blocks the calling thread. */
    int ProcessTrace(long[] handleArray, int handleCount, Pointer startTime, Pointer endTime);

    int CloseTrace(long traceHandle);
}
