package io.etwcorr.collector.etw;

import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The collector's encode of a raw record: the same bytes as {@link RawEventCodec#encode}, written
 * without a JSON generator per record and, for props decoded from a catalog layout
 * ({@link DecodedProps}), straight from the payload's values. Other props (TDH-decoded events,
 * heartbeats and every other collector record) go through the generic map writer. Thread-safe:
 * one buffer per thread.
 */
public final class RawRecordJson {
    /** Larger than most records; a bigger one grows its thread's buffer, which is let go afterwards. */
    private static final int BUFFER_BYTES = 1024;
    private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);
    /** Envelope strings (host, run, provider, guid) remembered quoted, per thread. */
    private static final int QUOTED_STRINGS = 16;

    private static final byte[] V = ascii("{\"v\":");
    private static final byte[] HOST = ascii(",\"host\":");
    private static final byte[] RUN = ascii(",\"run\":");
    private static final byte[] SEQ = ascii(",\"seq\":");
    private static final byte[] TS = ascii(",\"ts\":");
    private static final byte[] PROVIDER = ascii(",\"provider\":");
    private static final byte[] GUID = ascii(",\"guid\":");
    private static final byte[] ID = ascii(",\"id\":");
    private static final byte[] VER = ascii(",\"ver\":");
    private static final byte[] OPCODE = ascii(",\"opcode\":");
    private static final byte[] PID = ascii(",\"pid\":");
    private static final byte[] TID = ascii(",\"tid\":");
    private static final byte[] PKEY = ascii(",\"pkey\":");
    private static final byte[] PROPS = ascii(",\"props\":");
    private static final byte[] X = ascii(",\"x\":");

    private RawRecordJson() {
    }

    /** The record as compact UTF-8 JSON, envelope fields in contract order, property order kept. */
    public static byte[] encode(RawEvent event) {
        Writer writer = WRITERS.get();
        JsonBuffer out = writer.out;
        out.reset();
        write(event, writer);
        byte[] encoded = out.toByteArray();
        if (encoded.length > RawEventCodec.MAX_RECORD_BYTES) {
            WRITERS.remove(); // keep no oversized buffer for the thread's lifetime
        }
        return encoded;
    }

    private static void write(RawEvent e, Writer writer) {
        JsonBuffer out = writer.out;
        out.raw(V);
        out.number(e.v());
        out.raw(HOST);
        writer.envelopeString(e.host());
        out.raw(RUN);
        writer.envelopeString(e.run());
        out.raw(SEQ);
        out.number(e.seq());
        out.raw(TS);
        out.number(e.ts());
        out.raw(PROVIDER);
        writer.envelopeString(e.provider());
        if (e.guid() != null) {
            out.raw(GUID);
            writer.envelopeString(e.guid());
        }
        out.raw(ID);
        out.number(e.id());
        out.raw(VER);
        out.number(e.ver());
        if (e.opcode() != null) {
            out.raw(OPCODE);
            out.number(e.opcode());
        }
        out.raw(PID);
        out.number(e.pid());
        out.raw(TID);
        out.number(e.tid());
        if (e.pkey() != null) {
            out.raw(PKEY);
            out.number(e.pkey());
        }
        out.raw(PROPS);
        if (e.props() instanceof DecodedProps decoded) {
            decoded.writeJson(out);
        } else {
            writeValues(e.props(), out);
        }
        if (e.x() != null) {
            out.raw(X);
            writeValues(e.x(), out);
        }
        out.raw('}');
    }

    private static void writeValues(Map<String, Object> values, JsonBuffer out) {
        out.raw('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (!first) {
                out.raw(',');
            }
            first = false;
            out.string(entry.getKey());
            out.raw(':');
            if (entry.getValue() instanceof List<?> list) {
                out.raw('[');
                boolean firstElement = true;
                for (Object element : list) {
                    if (!firstElement) {
                        out.raw(',');
                    }
                    firstElement = false;
                    writeScalar(entry.getKey(), element, out);
                }
                out.raw(']');
            } else {
                writeScalar(entry.getKey(), entry.getValue(), out);
            }
        }
        out.raw('}');
    }

    private static void writeScalar(String key, Object value, JsonBuffer out) {
        if (value instanceof String s) {
            out.string(s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.number(((Number) value).longValue());
        } else if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            out.raw(ascii(Double.toString(((Number) value).doubleValue())));
        } else if (value instanceof Boolean b) {
            out.bool(b);
        } else {
            throw new IllegalArgumentException("property '" + key + "' has a value the contract cannot carry: " + value);
        }
    }

    /** One thread's buffer, and the envelope strings it wrote lately, quoted (found by identity: the same instances recur). */
    private static final class Writer {
        final JsonBuffer out = new JsonBuffer(BUFFER_BYTES);
        private final String[] texts = new String[QUOTED_STRINGS];
        private final byte[][] quoted = new byte[QUOTED_STRINGS][];
        private int next;

        void envelopeString(String text) {
            for (int i = 0; i < QUOTED_STRINGS; i++) {
                if (texts[i] == text && text != null) {
                    out.raw(quoted[i]);
                    return;
                }
            }
            int start = out.length();
            out.string(text);
            if (text != null) {
                texts[next] = text;
                quoted[next] = out.copyFrom(start);
                next = (next + 1) % QUOTED_STRINGS;
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
