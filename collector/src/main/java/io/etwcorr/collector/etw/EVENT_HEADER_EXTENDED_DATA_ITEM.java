package io.etwcorr.collector.etw;

import com.sun.jna.Structure.FieldOrder;

/** {@code EVENT_HEADER_EXTENDED_DATA_ITEM} (16 bytes), e.g. the process start key of an event. */
@FieldOrder({"Reserved1", "ExtType", "Linkage", "DataSize", "DataPtr"})
public class EVENT_HEADER_EXTENDED_DATA_ITEM extends EtwStructure {
    public short Reserved1;
    /** EVENT_HEADER_EXT_TYPE_*. */
    public short ExtType;
    /** Bit 0 is Linkage, the other 15 bits are reserved. */
    public short Linkage;
    public short DataSize;
    /** Address of the item's data (ULONGLONG, not a pointer type, in the SDK). */
    public long DataPtr;
}
