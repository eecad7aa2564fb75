package io.etwcorr.collector.session;

/**
 * Byte offsets of the EVENT_RECORD fields the decoder reads (x64, etw-layouts.md). Reading single
 * fields at fixed offsets avoids JNA's reflective read of the whole structure on every event.
 */
final class EventRecordLayout {
    static final int SIZE = 112;
    static final int HEADER_FLAGS = 4;
    static final int THREAD_ID = 8;
    static final int PROCESS_ID = 12;
    static final int TIMESTAMP = 16;
    static final int PROVIDER_ID = 24;
    static final int EVENT_ID = 40;
    static final int EVENT_VERSION = 42;
    static final int EVENT_OPCODE = 45;
    static final int EVENT_KEYWORD = 48;
    static final int EXTENDED_DATA_COUNT = 84;
    static final int USER_DATA_LENGTH = 86;
    static final int EXTENDED_DATA = 88;
    static final int USER_DATA = 96;

    /** EVENT_HEADER_EXTENDED_DATA_ITEM: its size and the offsets of ExtType, DataSize and DataPtr. */
    static final int EXTENDED_ITEM_SIZE = 16;
    static final int EXTENDED_ITEM_TYPE = 2;
    static final int EXTENDED_ITEM_DATA_SIZE = 6;
    static final int EXTENDED_ITEM_DATA_PTR = 8;
    /** EVENT_EXTENDED_ITEM_PROCESS_START_KEY, the data of that item type: one ULONG64, ProcessStartKey. */
    static final int PROCESS_START_KEY_SIZE = 8;

    private EventRecordLayout() {
    }
}
