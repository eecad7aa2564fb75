package io.etwcorr.collector.etw;

/** Win32 ETW constants the collector's session and consumer code passes to advapi32 (etw-layouts.md). */
public final class EtwConstants {
    /** {@code EVENT_TRACE_LOGFILEW.ProcessTraceMode}: consume a real-time session, not a file. */
    public static final int PROCESS_TRACE_MODE_REAL_TIME = 0x100;
    /** {@code EVENT_TRACE_LOGFILEW.ProcessTraceMode}: deliver {@code EVENT_RECORD}s to EventRecordCallback. */
    public static final int PROCESS_TRACE_MODE_EVENT_RECORD = 0x1000_0000;
    /** {@code EVENT_TRACE_PROPERTIES.LogFileMode}: deliver events to real-time consumers. */
    public static final int EVENT_TRACE_REAL_TIME_MODE = 0x100;
    /** {@code EVENT_TRACE_PROPERTIES.LogFileMode}: the session survives the failure of another session's providers. */
    public static final int EVENT_TRACE_INDEPENDENT_SESSION_MODE = 0x0800_0000;
    /** {@code WNODE_HEADER.Flags}: the structure describes a trace session. */
    public static final int WNODE_FLAG_TRACED_GUID = 0x0002_0000;
    /** {@code WNODE_HEADER.ClientContext}: QueryPerformanceCounter timestamps (finest resolution). */
    public static final int CLIENT_CONTEXT_QPC = 1;
    /** {@code EnableTraceEx2} control code: enable (or update) a provider in the session. */
    public static final int EVENT_CONTROL_CODE_ENABLE_PROVIDER = 1;
    /** {@code EnableTraceEx2} control code: ask the provider for its rundown (e.g. running processes). */
    public static final int EVENT_CONTROL_CODE_CAPTURE_STATE = 2;
    /** {@code ControlTraceW} control code: read the session's properties and loss counters. */
    public static final int EVENT_TRACE_CONTROL_QUERY = 0;
    /** {@code ControlTraceW} control code: stop the session. */
    public static final int EVENT_TRACE_CONTROL_STOP = 1;
    /** {@code ControlTraceW} control code: change the session's settings. */
    public static final int EVENT_TRACE_CONTROL_UPDATE = 2;
    /** {@code ControlTraceW} control code: flush the session's buffers. */
    public static final int EVENT_TRACE_CONTROL_FLUSH = 3;
    /** {@code StartTraceW}: a session of that name is left over; stop it, then start again. */
    public static final int ERROR_ALREADY_EXISTS = 183;
    /** {@code OpenTraceW} failure value (all 64 bits set). */
    public static final long INVALID_PROCESSTRACE_HANDLE = -1L;
    /** {@code EVENT_HEADER.Flags}: the event was logged by a 32-bit process, so pointers are 4 bytes. */
    public static final int EVENT_HEADER_FLAG_32_BIT_HEADER = 0x0020;
    /** {@code ENABLE_TRACE_PARAMETERS.Version} of the 48-byte structure. */
    public static final int ENABLE_TRACE_PARAMETERS_VERSION_2 = 2;
    /**
     * {@code ENABLE_TRACE_PARAMETERS.EnableProperty}: add, to every event of the provider, an extended
     * data item with the process start key of the process that logged it.
     */
    public static final int EVENT_ENABLE_PROPERTY_PROCESS_START_KEY = 0x80;
    /** {@code EVENT_HEADER_EXTENDED_DATA_ITEM.ExtType} of that item: its data is one ULONG64, the key. */
    public static final int EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY = 0x000D;
    /** Win32: the caller lacks the right, e.g. a controller call from a process that is not elevated. */
    public static final int ERROR_ACCESS_DENIED = 5;
    /** TDH's two-call pattern: the buffer was too small; the size needed is in the size argument. */
    public static final int ERROR_INSUFFICIENT_BUFFER = 122;
    /** {@code EnableTraceEx2}: the provider is already enabled in as many sessions as ETW allows (8). */
    public static final int ERROR_NO_SYSTEM_RESOURCES = 1450;

    private EtwConstants() {
    }
}
