package io.etwcorr.collector.etw;

import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.WString;

/**
 * {@code EVENT_TRACE_LOGFILEW} (448 bytes on x64), the input of OpenTraceW. CurrentEvent (an
 * EVENT_TRACE) and LogfileHeader (a TRACE_LOGFILE_HEADER) are kept as opaque bytes: an
 * EVENT_RECORD consumer never reads them, it only needs their space.
 */
@FieldOrder({"LogFileName", "LoggerName", "CurrentTime", "BuffersRead", "ProcessTraceMode", "CurrentEvent",
        "LogfileHeader", "BufferCallback", "BufferSize", "Filled", "EventsLost", "EventRecordCallback",
        "IsKernelTrace", "Context"})
public class EVENT_TRACE_LOGFILEW extends EtwStructure {
    public static final int CURRENT_EVENT_SIZE = 88;
    public static final int LOGFILE_HEADER_SIZE = 280;

    public WString LogFileName;
    /** The real-time session to consume. */
    public WString LoggerName;
    public long CurrentTime;
    public int BuffersRead;
    /** Union with LogFileMode: {@link EtwConstants#PROCESS_TRACE_MODE_REAL_TIME} | EVENT_RECORD. */
    public int ProcessTraceMode;
    public byte[] CurrentEvent = new byte[CURRENT_EVENT_SIZE];
    public byte[] LogfileHeader = new byte[LOGFILE_HEADER_SIZE];
    /** PEVENT_TRACE_BUFFER_CALLBACKW; null when the consumer does not watch buffers. */
    public Pointer BufferCallback;
    public int BufferSize;
    public int Filled;
    public int EventsLost;
    /** Union with EventCallback; used because ProcessTraceMode has PROCESS_TRACE_MODE_EVENT_RECORD. */
    public EventRecordCallback EventRecordCallback;
    public int IsKernelTrace;
    /** Handed back in EVENT_RECORD.UserContext. */
    public Pointer Context;
}
