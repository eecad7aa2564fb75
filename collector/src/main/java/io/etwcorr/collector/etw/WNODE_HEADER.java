package io.etwcorr.collector.etw;

import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.Guid.GUID;

/** {@code WNODE_HEADER} (48 bytes on x64), the head of {@link EVENT_TRACE_PROPERTIES}. */
@FieldOrder({"BufferSize", "ProviderId", "HistoricalContext", "TimeStamp", "Guid", "ClientContext", "Flags"})
public class WNODE_HEADER extends EtwStructure {
    /** Total size of the allocation, including the session and log file names after the properties. */
    public int BufferSize;
    public int ProviderId;
    /** Union with {Version, Linkage}; on return from StartTraceW it holds the session handle. */
    public long HistoricalContext;
    /** Union with KernelHandle. */
    public long TimeStamp;
    public GUID Guid;
    /** Timestamp clock: {@link EtwConstants#CLIENT_CONTEXT_QPC}. */
    public int ClientContext;
    public int Flags;
}
