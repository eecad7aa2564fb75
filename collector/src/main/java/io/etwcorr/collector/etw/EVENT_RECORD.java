package io.etwcorr.collector.etw;

import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;

/** {@code EVENT_RECORD} (112 bytes on x64), what EventRecordCallback points to. */
@FieldOrder({"EventHeader", "BufferContext", "ExtendedDataCount", "UserDataLength", "ExtendedData", "UserData",
        "UserContext"})
public class EVENT_RECORD extends EtwStructure {
    public EVENT_HEADER EventHeader;
    public ETW_BUFFER_CONTEXT BufferContext;
    public short ExtendedDataCount;
    /** Payload length in bytes (unsigned); every payload read is bounded by it. */
    public short UserDataLength;
    /** Array of ExtendedDataCount {@link EVENT_HEADER_EXTENDED_DATA_ITEM}s. */
    public Pointer ExtendedData;
    public Pointer UserData;
    public Pointer UserContext;

    public EVENT_RECORD() {
    }

    /** A view of the record at {@code memory}, e.g. the callback's argument; call {@link #read()} to fill it. */
    public EVENT_RECORD(Pointer memory) {
        super(memory);
    }
}
