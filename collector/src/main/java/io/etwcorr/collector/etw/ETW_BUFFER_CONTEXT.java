package io.etwcorr.collector.etw;

import com.sun.jna.Structure.FieldOrder;

/** {@code ETW_BUFFER_CONTEXT} (4 bytes), inline in {@link EVENT_RECORD}. */
@FieldOrder({"ProcessorNumber", "Alignment", "LoggerId"})
public class ETW_BUFFER_CONTEXT extends EtwStructure {
    /** With Alignment, the union member ProcessorIndex (USHORT). */
    public byte ProcessorNumber;
    public byte Alignment;
    public short LoggerId;
}
