package io.etwcorr.collector.etw;

import com.sun.jna.Structure.FieldOrder;

/** {@code EVENT_DESCRIPTOR} (16 bytes), inline in {@link EVENT_HEADER}. Read the bytes unsigned. */
@FieldOrder({"Id", "Version", "Channel", "Level", "Opcode", "Task", "Keyword"})
public class EVENT_DESCRIPTOR extends EtwStructure {
    public short Id;
    public byte Version;
    public byte Channel;
    public byte Level;
    public byte Opcode;
    public short Task;
    public long Keyword;
}
