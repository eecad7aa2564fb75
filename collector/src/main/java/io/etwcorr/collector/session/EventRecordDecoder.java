package io.etwcorr.collector.session;

import com.sun.jna.Pointer;
import io.etwcorr.collector.etw.EtwConstants;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.collector.etw.EventKey;
import io.etwcorr.collector.etw.EventSchemas;
import io.etwcorr.collector.etw.Guids;
import io.etwcorr.collector.etw.ManifestDecoders;
import io.etwcorr.collector.etw.PayloadDecoder;
import io.etwcorr.collector.etw.PayloadException;
import io.etwcorr.collector.etw.PayloadReader;
import io.etwcorr.schemas.raw.RawEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns the EVENT_RECORD that ProcessTrace hands to the callback into a {@link RawEvent}, reading
 * only the header fields it needs and the payload through the manifest decoders, or through the
 * generic TDH-schema decoders for event types they do not know. Never throws for a bad payload:
 * layouts without a schema and malformed payloads are counted and reported as results.
 * Thread-safe; the record's memory is only read during {@link #decode}.
 */
public final class EventRecordDecoder {
    /** Microseconds between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET_MICROS = 11_644_473_600_000_000L;
    /** UserDataLength is a USHORT. */
    private static final int MAX_USER_DATA_LENGTH = 65_535;
    /**
     * Per thread (ProcessTrace's, in the collector), the bytes of the record being decoded: copied
     * out of ETW's buffer into arrays that are reused, since nothing decoded keeps a reference to them.
     */
    private static final ThreadLocal<RecordBytes> RECORD_BYTES = ThreadLocal.withInitial(RecordBytes::new);
    /** ETW defines about twenty item types; more items than this on one event are not read. */
    static final int MAX_EXTENDED_ITEMS = 32;
    /** Providers a session enables are a handful; the bound only guards against a flood of unknown ones. */
    private static final int MAX_CACHED_GUIDS = 1024;

    private final ManifestDecoders decoders;
    private final EventSchemas schemas;
    private final Map<UUID, String> providerNames = new HashMap<>();
    /** GUID text of the providers seen, so it is not formatted again for every event. */
    private final Map<UUID, String> guidTexts = new ConcurrentHashMap<>();
    private final LongAdder undecoded = new LongAdder();
    private final LongAdder malformed = new LongAdder();

    public EventRecordDecoder(ManifestDecoders decoders, EventSchemas schemas) {
        this.decoders = decoders;
        this.schemas = schemas;
        for (EtwProvider provider : EtwProvider.values()) {
            providerNames.put(provider.guid(), provider.providerName());
        }
    }

    /** A decoder of every layout of {@link ManifestDecoders#standard()}, passing over all others. */
    public static EventRecordDecoder standard() {
        return new EventRecordDecoder(ManifestDecoders.standard(), EventSchemas.none());
    }

    /** {@link #standard()} with TDH's schemas for the other event types (Windows). */
    public static EventRecordDecoder withTdhFallback() {
        return new EventRecordDecoder(ManifestDecoders.standard(), EventSchemas.tdh());
    }

    public DecodeResult decode(Pointer record) {
        RecordBytes bytes = RECORD_BYTES.get();
        // One native read of the header instead of one per field.
        record.read(0, bytes.header, 0, EventRecordLayout.SIZE);
        ByteBuffer header = bytes.headerView;
        UUID provider = Guids.read(header, EventRecordLayout.PROVIDER_ID);
        int id = Short.toUnsignedInt(header.getShort(EventRecordLayout.EVENT_ID));
        int version = Byte.toUnsignedInt(header.get(EventRecordLayout.EVENT_VERSION));
        PayloadDecoder decoder = decoders.find(provider, id, version);
        String providerName = providerNames.get(provider);
        try {
            if (decoder == null) {
                EventSchemas.Decoder generic = schemas.find(new EventKey(provider, id, version), record);
                if (generic == null) {
                    undecoded.increment();
                    return new DecodeResult.PassedOver(new EventKey(provider, id, version));
                }
                decoder = generic.payload();
                providerName = generic.providerName() != null ? generic.providerName() : guidText(provider);
            }
            return new DecodeResult.Decoded(new RawEvent(1, null, null, 0,
                    filetimeMicros(header.getLong(EventRecordLayout.TIMESTAMP)), providerName, guidText(provider), id,
                    version, Byte.toUnsignedInt(header.get(EventRecordLayout.EVENT_OPCODE)),
                    processOrThreadId(header.getInt(EventRecordLayout.PROCESS_ID)),
                    processOrThreadId(header.getInt(EventRecordLayout.THREAD_ID)),
                    decoder.decode(payload(header, bytes.payload)), null, processStartKey(header)));
        } catch (PayloadException e) {
            malformed.increment();
            return new DecodeResult.Malformed(new EventKey(provider, id, version), e.getMessage());
        }
    }

    /** Records of layouts no manifest decoder knows, since construction. */
    public long undecoded() {
        return undecoded.sum();
    }

    /** Records whose payload did not match its layout, since construction. */
    public long malformed() {
        return malformed.sum();
    }

    private String guidText(UUID provider) {
        String text = guidTexts.get(provider);
        if (text == null) {
            text = provider.toString();
            if (guidTexts.size() < MAX_CACHED_GUIDS) {
                guidTexts.put(provider, text);
            }
        }
        return text;
    }

    private static PayloadReader payload(ByteBuffer header, byte[] into) {
        int length = Short.toUnsignedInt(header.getShort(EventRecordLayout.USER_DATA_LENGTH));
        long userData = header.getLong(EventRecordLayout.USER_DATA);
        boolean pointers32Bit = (header.getShort(EventRecordLayout.HEADER_FLAGS)
                & EtwConstants.EVENT_HEADER_FLAG_32_BIT_HEADER) != 0;
        // One copy of UserDataLength bytes is cheaper than wrapping ETW's buffer in a direct ByteBuffer through JNI.
        int copied = length == 0 || userData == 0 ? 0 : length;
        if (copied > 0) {
            new Pointer(userData).read(0, into, 0, copied);
        }
        return PayloadReader.of(into, 0, copied, pointers32Bit);
    }

    /**
     * The ProcessStartKey of the record's EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY item, or null when
     * it has none. Reads the item array (at most {@link #MAX_EXTENDED_ITEMS} items) and, of an item of
     * that type, its 8 bytes only when its DataSize holds them: never past DataSize. A key at or
     * above 2^63 is not carried: the contract's {@code pkey} is a non-negative 64-bit integer.
     */
    private static Long processStartKey(ByteBuffer header) {
        int count = Math.min(Short.toUnsignedInt(header.getShort(EventRecordLayout.EXTENDED_DATA_COUNT)), MAX_EXTENDED_ITEMS);
        long items = header.getLong(EventRecordLayout.EXTENDED_DATA);
        if (count == 0 || items == 0) {
            return null;
        }
        ByteBuffer array = ByteBuffer.wrap(new Pointer(items).getByteArray(0, count * EventRecordLayout.EXTENDED_ITEM_SIZE))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            int item = i * EventRecordLayout.EXTENDED_ITEM_SIZE;
            int type = Short.toUnsignedInt(array.getShort(item + EventRecordLayout.EXTENDED_ITEM_TYPE));
            int size = Short.toUnsignedInt(array.getShort(item + EventRecordLayout.EXTENDED_ITEM_DATA_SIZE));
            long data = array.getLong(item + EventRecordLayout.EXTENDED_ITEM_DATA_PTR);
            if (type == EtwConstants.EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY
                    && size >= EventRecordLayout.PROCESS_START_KEY_SIZE && data != 0) {
                long key = new Pointer(data).getLong(0);
                return key >= 0 ? key : null;
            }
        }
        return null;
    }

    /** One thread's copies of a record's header and payload. */
    private static final class RecordBytes {
        final byte[] header = new byte[EventRecordLayout.SIZE];
        final ByteBuffer headerView = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        final byte[] payload = new byte[MAX_USER_DATA_LENGTH];
    }

    static long filetimeMicros(long filetime) {
        return Long.divideUnsigned(filetime, 10) - FILETIME_EPOCH_OFFSET_MICROS;
    }

    /** ETW's ids are U32 with all ones for "unknown"; the contract's range is -1..2^31−1. */
    private static int processOrThreadId(int raw) {
        return raw < 0 ? -1 : raw;
    }
}
