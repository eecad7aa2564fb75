package io.etwcorr.testkit.etw;


import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.UUID;

/**
 * An EVENT_RECORD in native memory, written field by field at the offsets of etw-layouts.md, with
 * UserData pointing to a separate allocation holding the payload (as in ETW's buffers).
 */
public final class NativeEventRecord {
    private static final int RECORD_SIZE = 112;
    private static final int HEADER_SIZE = 80;

    private final Memory record;
    // Referenced so the payload lives as long as the record that points to it.
    private final Memory payload;

    private NativeEventRecord(Memory record, Memory payload) {
        this.record = record;
        this.payload = payload;
    }

    public static NativeEventRecord layOut(EtwEventFixture event) {
        Memory record = new Memory(RECORD_SIZE);
        record.clear();
        record.setShort(0, (short) HEADER_SIZE);
        record.setShort(4, (short) event.headerFlags());
        record.setInt(8, event.tid());
        record.setInt(12, event.pid());
        record.setLong(16, (event.tsMicros() + PayloadFixture.FILETIME_EPOCH_OFFSET_MICROS) * 10);
        writeGuid(record, 24, event.provider());
        record.setShort(40, (short) event.id());
        record.setByte(42, (byte) event.version());
        record.setByte(45, (byte) event.opcode());
        record.setLong(48, event.keyword());
        Memory payload = null;
        if (event.payload().length > 0) {
            payload = new Memory(event.payload().length);
            payload.write(0, event.payload(), 0, event.payload().length);
        }
        record.setShort(86, (short) event.payload().length);
        record.setPointer(96, payload);
        return new NativeEventRecord(record, payload);
    }

    public Pointer pointer() {
        return record;
    }

    /** Data1 U32, Data2 U16, Data3 U16 little-endian, then Data4's 8 bytes in order. */
    private static void writeGuid(Memory memory, long offset, UUID guid) {
        long high = guid.getMostSignificantBits();
        long low = guid.getLeastSignificantBits();
        memory.setInt(offset, (int) (high >>> 32));
        memory.setShort(offset + 4, (short) (high >>> 16));
        memory.setShort(offset + 6, (short) high);
        for (int i = 0; i < 8; i++) {
            memory.setByte(offset + 8 + i, (byte) (low >>> (8 * (7 - i))));
        }
    }
}
