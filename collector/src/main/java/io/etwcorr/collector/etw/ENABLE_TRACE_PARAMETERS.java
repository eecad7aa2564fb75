package io.etwcorr.collector.etw;

import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.Guid.GUID;

/** {@code ENABLE_TRACE_PARAMETERS} version 2 (48 bytes on x64), the last argument of EnableTraceEx2. */
@FieldOrder({"Version", "EnableProperty", "ControlFlags", "SourceId", "EnableFilterDesc", "FilterDescCount"})
public class ENABLE_TRACE_PARAMETERS extends EtwStructure {
    /** {@link EtwConstants#ENABLE_TRACE_PARAMETERS_VERSION_2}. */
    public int Version;
    /** EVENT_ENABLE_PROPERTY_*, e.g. {@link EtwConstants#EVENT_ENABLE_PROPERTY_PROCESS_START_KEY}. */
    public int EnableProperty;
    public int ControlFlags;
    public GUID SourceId;
    /** Array of FilterDescCount EVENT_FILTER_DESCRIPTORs; null for none. */
    public Pointer EnableFilterDesc;
    public int FilterDescCount;
}
