package io.etwcorr.collector.etw;

import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;

/**
 * {@code EVENT_PROPERTY_INFO} (tdh.h), 24 bytes: one property of a {@link TRACE_EVENT_INFO}. The
 * unions are flattened to the member names of their non-struct case; for a struct property
 * ({@code PropertyStruct}) InType/OutType hold StructStartIndex/NumOfStructMembers, and with
 * {@code PropertyParamCount}/{@code PropertyParamLength} count/length hold a property index.
 */
@FieldOrder({"Flags", "NameOffset", "InType", "OutType", "MapNameOffset", "count", "length", "Tags"})
public class EVENT_PROPERTY_INFO extends EtwStructure {
    public static final int SIZE = 24;

    public int Flags;
    public int NameOffset;
    public short InType;
    public short OutType;
    public int MapNameOffset;
    public short count;
    public short length;
    public int Tags;
    public EVENT_PROPERTY_INFO() {
    }

    /** A view of the structure at {@code memory}; call {@link #read()} to fill it. */
    public EVENT_PROPERTY_INFO(Pointer memory) {
        super(memory);
    }
}
