package io.etwcorr.testkit.etw;

/**
 * One EVENT_HEADER_EXTENDED_DATA_ITEM of a native record: its ExtType, the DataSize it declares and
 * the bytes DataPtr points to (which may be fewer or more than DataSize, to test a bounded reader).
 */
public record ExtendedDataItem(int extType, int dataSize, byte[] data) {
    /** EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY. */
    public static final int PROCESS_START_KEY = 0x000D;
    /** EVENT_HEADER_EXT_TYPE_TS_ID: a terminal session id (ULONG), an item the collector passes over. */
    public static final int TS_ID = 0x0003;

    /** An EVENT_EXTENDED_ITEM_PROCESS_START_KEY holding {@code key}. */
    public static ExtendedDataItem processStartKey(long key) {
        return new ExtendedDataItem(PROCESS_START_KEY, 8, PayloadFixture.littleEndian(key, 8));
    }
}
