package io.etwcorr.collector.etw;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/** Windows GUIDs in memory: Data1 U32, Data2 U16, Data3 U16 little-endian, then Data4's 8 bytes in order. */
public final class Guids {
    public static final int SIZE = 16;

    private Guids() {}

    /** The GUID at {@code offset} of a little-endian buffer, read as two longs. */
    public static UUID read(ByteBuffer littleEndian, int offset) {
        long low = littleEndian.getLong(offset); // Data3 << 48 | Data2 << 32 | Data1
        long data4 = Long.reverseBytes(littleEndian.getLong(offset + 8));
        long data1 = low & 0xffff_ffffL;
        long data2 = (low >>> 32) & 0xffffL;
        long data3 = low >>> 48;
        return new UUID((data1 << 32) | (data2 << 16) | data3, data4);
    }

    /** The GUID at {@code offset} of native memory. */
    public static UUID read(Pointer memory, long offset) {
        return read(ByteBuffer.wrap(memory.getByteArray(offset, SIZE)).order(ByteOrder.LITTLE_ENDIAN), 0);
    }
}
