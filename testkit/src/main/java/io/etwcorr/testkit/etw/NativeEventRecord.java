package io.etwcorr.testkit.etw;


import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An EVENT_RECORD in native memory, written field by field at the offsets of etw-layouts.md, with
 * UserData pointing to a separate allocation holding the payload (as in ETW's buffers), and
 * ExtendedData to an array of EVENT_HEADER_EXTENDED_DATA_ITEMs (16 bytes each: ExtType@2,
 * DataSize@6, DataPtr@8) whose data are allocations of their own.
 */
public final class NativeEventRecord {
    private static final int RECORD_SIZE = 112;
    private static final int HEADER_SIZE = 80;
    private static final int EXTENDED_ITEM_SIZE = 16;

    private final Memory record;
    // Referenced so the payload and the extended data live as long as the record that points to them.
    private final List<Memory> referenced;

    private NativeEventRecord(Memory record, List<Memory> referenced) {
        this.record = record;
        this.referenced = referenced;
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
        List<Memory> referenced = new ArrayList<>();
        Memory payload = null;
        if (event.payload().length > 0) {
            payload = new Memory(event.payload().length);
            payload.write(0, event.payload(), 0, event.payload().length);
            referenced.add(payload);
        }
        record.setShort(86, (short) event.payload().length);
        record.setPointer(96, payload);
        List<ExtendedDataItem> items = event.extendedData();
        if (!items.isEmpty()) {
            Memory array = new Memory((long) items.size() * EXTENDED_ITEM_SIZE);
            array.clear();
            referenced.add(array);
            for (int i = 0; i < items.size(); i++) {
                ExtendedDataItem item = items.get(i);
                long at = (long) i * EXTENDED_ITEM_SIZE;
                array.setShort(at + 2, (short) item.extType());
                array.setShort(at + 6, (short) item.dataSize());
                if (item.data().length > 0) {
                    Memory data = new Memory(item.data().length);
                    data.write(0, item.data(), 0, item.data().length);
                    referenced.add(data);
                    array.setPointer(at + 8, data);
                }
            }
            record.setShort(84, (short) items.size());
            record.setPointer(88, array);
        }
        return new NativeEventRecord(record, List.copyOf(referenced));
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
