package io.etwcorr.collector.session;

import com.sun.jna.Pointer;
import io.etwcorr.collector.etw.EtwConstants;
import io.etwcorr.collector.etw.EtwProvider;
import io.etwcorr.collector.etw.EventKey;
import io.etwcorr.collector.etw.EventSchemas;
import io.etwcorr.collector.etw.ManifestDecoders;
import io.etwcorr.collector.etw.PayloadDecoder;
import io.etwcorr.collector.etw.PayloadException;
import io.etwcorr.collector.etw.PayloadReader;
import io.etwcorr.schemas.raw.RawEvent;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
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
    private static final ByteBuffer EMPTY_PAYLOAD = ByteBuffer.allocate(0);

    private final ManifestDecoders decoders;
    private final EventSchemas schemas;
    private final Map<UUID, String> providerNames = new HashMap<>();
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
        UUID provider = guidAt(record, EventRecordLayout.PROVIDER_ID);
        int id = Short.toUnsignedInt(record.getShort(EventRecordLayout.EVENT_ID));
        int version = Byte.toUnsignedInt(record.getByte(EventRecordLayout.EVENT_VERSION));
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
                providerName = generic.providerName() != null ? generic.providerName() : provider.toString();
            }
            return new DecodeResult.Decoded(new RawEvent(1, null, null, 0,
                    filetimeMicros(record.getLong(EventRecordLayout.TIMESTAMP)), providerName, provider.toString(), id,
                    version, Byte.toUnsignedInt(record.getByte(EventRecordLayout.EVENT_OPCODE)),
                    processOrThreadId(record.getInt(EventRecordLayout.PROCESS_ID)),
                    processOrThreadId(record.getInt(EventRecordLayout.THREAD_ID)), decoder.decode(payload(record)), null));
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

    private static PayloadReader payload(Pointer record) {
        int length = Short.toUnsignedInt(record.getShort(EventRecordLayout.USER_DATA_LENGTH));
        Pointer userData = record.getPointer(EventRecordLayout.USER_DATA);
        boolean pointers32Bit = (record.getShort(EventRecordLayout.HEADER_FLAGS)
                & EtwConstants.EVENT_HEADER_FLAG_32_BIT_HEADER) != 0;
        // A view of ETW's buffer, not a copy: the decoder copies out what it keeps.
        ByteBuffer bytes = length == 0 || userData == null ? EMPTY_PAYLOAD : userData.getByteBuffer(0, length);
        return PayloadReader.of(bytes, pointers32Bit);
    }

    /** A GUID in memory (Data1 U32, Data2 U16, Data3 U16 little-endian, then 8 bytes in order). */
    private static UUID guidAt(Pointer memory, long offset) {
        long data1 = Integer.toUnsignedLong(memory.getInt(offset));
        long data2 = Short.toUnsignedLong(memory.getShort(offset + 4));
        long data3 = Short.toUnsignedLong(memory.getShort(offset + 6));
        long data4 = 0;
        for (int i = 0; i < 8; i++) {
            data4 = (data4 << 8) | Byte.toUnsignedLong(memory.getByte(offset + 8 + i));
        }
        return new UUID((data1 << 32) | (data2 << 16) | data3, data4);
    }

    private static long filetimeMicros(long filetime) {
        return Long.divideUnsigned(filetime, 10) - FILETIME_EPOCH_OFFSET_MICROS;
    }

    /** ETW's ids are U32 with all ones for "unknown"; the contract's range is -1..2^31−1. */
    private static int processOrThreadId(int raw) {
        return raw < 0 ? -1 : raw;
    }
}
