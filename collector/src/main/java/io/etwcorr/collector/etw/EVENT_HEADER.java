package io.etwcorr.collector.etw;

import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.Guid.GUID;

/** {@code EVENT_HEADER} (80 bytes on x64). */
@FieldOrder({"Size", "HeaderType", "Flags", "EventProperty", "ThreadId", "ProcessId", "TimeStamp", "ProviderId",
        "EventDescriptor", "ProcessorTime", "ActivityId"})
public class EVENT_HEADER extends EtwStructure {
    public short Size;
    public short HeaderType;
    /** EVENT_HEADER_FLAG_*, e.g. {@link EtwConstants#EVENT_HEADER_FLAG_32_BIT_HEADER}. */
    public short Flags;
    public short EventProperty;
    public int ThreadId;
    public int ProcessId;
    /** FILETIME unless the trace was opened with raw timestamps. */
    public long TimeStamp;
    public GUID ProviderId;
    public EVENT_DESCRIPTOR EventDescriptor;
    /** Union with {KernelTime, UserTime} (two ULONGs, low one first). */
    public long ProcessorTime;
    public GUID ActivityId;
}
