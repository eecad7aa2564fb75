package io.etwcorr.schemas.raw;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SerializedString;
import io.etwcorr.schemas.raw.RawEventException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes raw records (docs/contract/raw-events.md) as JSON. Validation is done by hand while
 * streaming, because this runs once per event on the hot path; {@code raw-event.schema.json}
 * states the same rules for other tools. Stateless and thread-safe.
 */
public final class RawEventCodec {
    /** The contract's upper bound for one record (Kafka value or JSON line), in bytes. */
    public static final int MAX_RECORD_BYTES = 65536;
    /** Deepest nesting of arrays and objects accepted anywhere in a record (the envelope is 1). */
    public static final int MAX_NESTING_DEPTH = 16;

    private static final JsonFactory JSON = new JsonFactory();
    /** Reused per thread, so an encode allocates only its exact-size result (this runs once per event). */
    private static final ThreadLocal<ByteArrayOutputStream> ENCODE_BUFFERS =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(1024));
    private static final int MAX_SHOWN_CHARS = 64;
    // Jackson names the source in locations even when it hides it; the reason only needs line/column.
    private static final Pattern JACKSON_SOURCE = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

    private RawEventCodec() {
    }

    /** Decodes one record from its UTF-8 bytes; any breach of the contract is a {@link RawEventException}. */
    public static RawEvent decode(byte[] utf8) throws RawEventException {
        return decode(utf8, new RawEventAssembler());
    }

    /**
     * Decodes and validates one record like {@link #decode(byte[])}, handing its parts to {@code sink}
     * instead of building a {@link RawEvent}; returns what the sink's {@code end} returns.
     */
    public static <T> T decode(byte[] utf8, RawEventSink<T> sink) throws RawEventException {
        if (utf8.length > MAX_RECORD_BYTES) {
            throw new RawEventException(Kind.OVERSIZE,
                    "record is " + utf8.length + " bytes, above the " + MAX_RECORD_BYTES + "-byte limit");
        }
        int invalid = Utf8.firstInvalidOffset(utf8);
        if (invalid >= 0) {
            throw new RawEventException(Kind.INVALID_UTF8,
                    String.format(Locale.ROOT, "not valid UTF-8 (byte 0x%02X at offset %d)", utf8[invalid] & 0xFF, invalid));
        }
        sink.begin();
        try (JsonParser parser = JSON.createParser(utf8)) {
            return new EnvelopeReader<>(parser, sink).read();
        } catch (JsonProcessingException e) {
            throw new RawEventException(Kind.INVALID_JSON, "not valid JSON: " + shortMessage(e), e);
        } catch (IOException e) {
            throw new RawEventException(Kind.INVALID_JSON, "not valid JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // The codec's promise is to fail only with RawEventException, whatever the input.
            throw new RawEventException(Kind.INVALID_JSON, "cannot decode record: " + e, e);
        }
    }

    /** Decodes one record from text, with the same rules as {@link #decode(byte[])}. */
    public static RawEvent decode(String json) throws RawEventException {
        int unpaired = Utf8.firstUnpairedSurrogate(json);
        if (unpaired >= 0) {
            throw new RawEventException(Kind.INVALID_UTF8, String.format(Locale.ROOT,
                    "not valid UTF-8 text (unpaired surrogate U+%04X at char index %d)", (int) json.charAt(unpaired), unpaired));
        }
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The record as compact UTF-8 JSON, envelope fields in contract order, property order kept. */
    public static byte[] encode(RawEvent event) {
        ByteArrayOutputStream out = ENCODE_BUFFERS.get();
        out.reset();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            write(generator, event);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        byte[] encoded = out.toByteArray();
        if (encoded.length > MAX_RECORD_BYTES) {
            ENCODE_BUFFERS.remove(); // keep no oversized buffer for the thread's lifetime
        }
        return encoded;
    }

    /** {@link #encode(RawEvent)} as a string. */
    public static String encodeToString(RawEvent event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    // Envelope names from pre-quoted bytes: escaping them afresh on every record was a visible share of encode time.
    private static void write(JsonGenerator g, RawEvent e) throws IOException {
        g.writeStartObject();
        g.writeFieldName(Names.V);
        g.writeNumber(e.v());
        g.writeFieldName(Names.HOST);
        g.writeString(e.host());
        g.writeFieldName(Names.RUN);
        g.writeString(e.run());
        g.writeFieldName(Names.SEQ);
        g.writeNumber(e.seq());
        g.writeFieldName(Names.TS);
        g.writeNumber(e.ts());
        g.writeFieldName(Names.PROVIDER);
        g.writeString(e.provider());
        if (e.guid() != null) {
            g.writeFieldName(Names.GUID);
            g.writeString(e.guid());
        }
        g.writeFieldName(Names.ID);
        g.writeNumber(e.id());
        g.writeFieldName(Names.VER);
        g.writeNumber(e.ver());
        if (e.opcode() != null) {
            g.writeFieldName(Names.OPCODE);
            g.writeNumber(e.opcode());
        }
        g.writeFieldName(Names.PID);
        g.writeNumber(e.pid());
        g.writeFieldName(Names.TID);
        g.writeNumber(e.tid());
        if (e.pkey() != null) {
            g.writeFieldName(Names.PKEY);
            g.writeNumber(e.pkey());
        }
        g.writeFieldName(Names.PROPS);
        writeValues(g, e.props());
        if (e.x() != null) {
            g.writeFieldName(Names.X);
            writeValues(g, e.x());
        }
        g.writeEndObject();
    }

    private static void writeValues(JsonGenerator g, Map<String, Object> values) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            g.writeFieldName(entry.getKey());
            if (entry.getValue() instanceof List<?> list) {
                g.writeStartArray();
                for (Object element : list) {
                    writeScalar(g, entry.getKey(), element);
                }
                g.writeEndArray();
            } else {
                writeScalar(g, entry.getKey(), entry.getValue());
            }
        }
        g.writeEndObject();
    }

    private static void writeScalar(JsonGenerator g, String key, Object value) throws IOException {
        if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            g.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            throw new IllegalArgumentException("property '" + key + "' has a value the contract cannot carry: " + value);
        }
    }

    /** The envelope's field names, quoted once. */
    private static final class Names {
        static final SerializedString V = new SerializedString("v");
        static final SerializedString HOST = new SerializedString("host");
        static final SerializedString RUN = new SerializedString("run");
        static final SerializedString SEQ = new SerializedString("seq");
        static final SerializedString TS = new SerializedString("ts");
        static final SerializedString PROVIDER = new SerializedString("provider");
        static final SerializedString GUID = new SerializedString("guid");
        static final SerializedString ID = new SerializedString("id");
        static final SerializedString VER = new SerializedString("ver");
        static final SerializedString OPCODE = new SerializedString("opcode");
        static final SerializedString PID = new SerializedString("pid");
        static final SerializedString TID = new SerializedString("tid");
        static final SerializedString PKEY = new SerializedString("pkey");
        static final SerializedString PROPS = new SerializedString("props");
        static final SerializedString X = new SerializedString("x");
    }

    private static String shortMessage(JsonProcessingException e) {
        StringBuilder reason = new StringBuilder(JACKSON_SOURCE.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2"));
        JsonLocation where = e.getLocation();
        if (where != null) {
            reason.append(" at line ").append(where.getLineNr()).append(", column ").append(where.getColumnNr());
        }
        return reason.toString();
    }

    /** The envelope fields; bit {@code 1 << ordinal} marks a field as seen. */
    private enum Field {
        V(true), HOST(true), RUN(true), SEQ(true), TS(true), PROVIDER(true), GUID(false), ID(true), VER(true),
        OPCODE(false), PID(true), TID(true), PKEY(false), PROPS(true), X(false);

        private static final Map<String, Field> BY_KEY = new HashMap<>();

        static {
            for (Field field : values()) {
                BY_KEY.put(field.key, field);
            }
        }

        // Interned like the names Jackson hands out, so a lookup matches by identity instead of comparing text.
        final String key = name().toLowerCase(Locale.ROOT).intern();
        final boolean required;

        Field(boolean required) {
            this.required = required;
        }
    }

    /** The sink of {@link #decode(byte[])}: a {@link RawEvent} with props and x in maps, in their order. */
    private static final class RawEventAssembler implements RawEventSink<RawEvent> {
        private Map<String, Object> props;
        private Map<String, Object> x;

        @Override
        public void begin() {
            props = null;
            x = null;
        }

        @Override
        public void object(Part part) {
            if (part == Part.PROPS) {
                props = new LinkedHashMap<>();
            } else {
                x = new LinkedHashMap<>();
            }
        }

        @Override
        public int slot(Part part, String key) {
            return 0;
        }

        @Override
        public void integer(Part part, String key, int slot, long value) {
            values(part).put(key, value);
        }

        @Override
        public void number(Part part, String key, int slot, double value) {
            values(part).put(key, value);
        }

        @Override
        public void string(Part part, String key, int slot, String value) {
            values(part).put(key, value);
        }

        @Override
        public void bool(Part part, String key, int slot, boolean value) {
            values(part).put(key, value);
        }

        @Override
        public void array(Part part, String key, int slot, List<Object> elements) {
            values(part).put(key, elements);
        }

        private Map<String, Object> values(Part part) {
            return part == Part.PROPS ? props : x;
        }

        @Override
        public RawEvent end(RawEnvelope e) {
            return new RawEvent(e.v(), e.host(), e.run(), e.seq(), e.ts(), e.provider(), e.guid(), e.id(), e.ver(),
                    e.opcode() < 0 ? null : e.opcode(), e.pid(), e.tid(), props, x, e.pkey() < 0 ? null : e.pkey());
        }
    }

    /** One decode: reads the envelope from a parser positioned before the root value. */
    private static final class EnvelopeReader<T> implements RawEnvelope {
        /** Keys of one props or x object are compared one by one up to this many, then hashed. */
        private static final int LINEAR_KEY_CHECKS = 16;

        private final JsonParser p;
        private final RawEventSink<T> sink;
        private int seen;
        private Set<String> unknownSeen;
        private final String[] keys = new String[LINEAR_KEY_CHECKS];
        private final int[] keyHashes = new int[LINEAR_KEY_CHECKS];
        private int keyCount;
        private Set<String> manyKeys;

        private int v;
        private String host;
        private String run;
        private long seq;
        private long ts;
        private String provider;
        private String guid;
        private int id;
        private int ver;
        private int opcode = -1;
        private int pid;
        private int tid;
        private long pkey = -1;

        EnvelopeReader(JsonParser parser, RawEventSink<T> sink) {
            this.p = parser;
            this.sink = sink;
        }

        T read() throws IOException, RawEventException {
            JsonToken root = p.nextToken();
            if (root == null) {
                throw new RawEventException(Kind.INVALID_JSON, "empty record");
            }
            if (root != JsonToken.START_OBJECT) {
                throw new RawEventException(Kind.CONTRACT_VIOLATION, "not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                Field field = Field.BY_KEY.get(name);
                if (field == null) {
                    if (unknownSeen == null) {
                        unknownSeen = new HashSet<>();
                    }
                    if (!unknownSeen.add(name)) {
                        throw violation("duplicate field '" + name + "'");
                    }
                    skipValue(1);
                } else {
                    if ((seen & (1 << field.ordinal())) != 0) {
                        throw violation("duplicate field '" + name + "'");
                    }
                    seen |= 1 << field.ordinal();
                    readField(field);
                }
            }
            long end = p.currentLocation().getByteOffset();
            if (hasTrailingContent()) {
                throw new RawEventException(Kind.INVALID_JSON, "trailing content after the JSON object, which ends at offset " + end);
            }
            for (Field field : Field.values()) {
                if (field.required && (seen & (1 << field.ordinal())) == 0) {
                    throw violation("missing required field '" + field.key + "'");
                }
            }
            return sink.end(this);
        }

        @Override
        public int v() {
            return v;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public String run() {
            return run;
        }

        @Override
        public long seq() {
            return seq;
        }

        @Override
        public long ts() {
            return ts;
        }

        @Override
        public String provider() {
            return provider;
        }

        @Override
        public String guid() {
            return guid;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public int ver() {
            return ver;
        }

        @Override
        public int opcode() {
            return opcode;
        }

        @Override
        public int pid() {
            return pid;
        }

        @Override
        public int tid() {
            return tid;
        }

        @Override
        public long pkey() {
            return pkey;
        }

        /** Anything but whitespace after the root object, even text that is not JSON. */
        private boolean hasTrailingContent() throws IOException {
            try {
                return p.nextToken() != null;
            } catch (JsonProcessingException e) {
                return true;
            }
        }

        private void readField(Field field) throws IOException, RawEventException {
            switch (field) {
                case V -> {
                    if (!isLong() || p.getLongValue() != 1) {
                        throw invalid(field, "be 1");
                    }
                    v = 1;
                }
                case HOST -> host = readHost();
                case RUN -> run = readNonEmptyString(field);
                case SEQ -> seq = readLong(field, 0, Long.MAX_VALUE, "be an integer >= 0");
                case TS -> ts = readLong(field, Long.MIN_VALUE, Long.MAX_VALUE, "be a 64-bit integer");
                case PROVIDER -> provider = readNonEmptyString(field);
                case GUID -> guid = readGuid();
                case ID -> id = readCount(field);
                case VER -> ver = readCount(field);
                case OPCODE -> opcode = readCount(field);
                case PID -> pid = readProcessOrThreadId(field);
                case TID -> tid = readProcessOrThreadId(field);
                case PKEY -> pkey = readLong(field, 0, Long.MAX_VALUE, "be an integer >= 0");
                case PROPS -> readValues(field, RawEventSink.Part.PROPS);
                case X -> readValues(field, RawEventSink.Part.X);
            }
        }

        private boolean isLong() throws IOException {
            return p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
        }

        private long readLong(Field field, long min, long max, String expectation) throws IOException, RawEventException {
            if (!isLong() || p.getLongValue() < min || p.getLongValue() > max) {
                throw invalid(field, expectation);
            }
            return p.getLongValue();
        }

        private int readCount(Field field) throws IOException, RawEventException {
            return (int) readLong(field, 0, Integer.MAX_VALUE, "be an integer from 0 to " + Integer.MAX_VALUE);
        }

        /** ETW ids are U32, but the pipeline keeps them in an int; real ones stay far below 2^31. */
        private int readProcessOrThreadId(Field field) throws IOException, RawEventException {
            return (int) readLong(field, -1, Integer.MAX_VALUE, "be an integer from -1 to " + Integer.MAX_VALUE);
        }

        private String readNonEmptyString(Field field) throws IOException, RawEventException {
            if (p.currentToken() != JsonToken.VALUE_STRING || p.getTextLength() == 0) {
                throw invalid(field, "be a non-empty string");
            }
            return p.getText();
        }

        private String readHost() throws IOException, RawEventException {
            if (p.currentToken() != JsonToken.VALUE_STRING || !isHostName(p.getText())) {
                throw invalid(Field.HOST, "match [A-Za-z0-9._-]{1,255}");
            }
            return p.getText();
        }

        private String readGuid() throws IOException, RawEventException {
            if (p.currentToken() != JsonToken.VALUE_STRING || !isLowerCaseGuid(p.getText())) {
                throw invalid(Field.GUID, "be a lower-case GUID without braces");
            }
            return p.getText();
        }

        /** Validates every value of {@code props} or {@code x}, handing those the sink has a slot for to it. */
        private void readValues(Field field, RawEventSink.Part part) throws IOException, RawEventException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw invalid(field, "be an object");
            }
            sink.object(part);
            keyCount = 0;
            manyKeys = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken token = p.nextToken();
                int slot = sink.slot(part, key);
                if (token == JsonToken.START_ARRAY) {
                    List<Object> elements = readArray(field, key, slot >= 0);
                    checkUnique(field, key);
                    if (slot >= 0) {
                        sink.array(part, key, slot, elements);
                    }
                } else {
                    checkScalar(field, key, -1);
                    checkUnique(field, key);
                    if (slot >= 0) {
                        deliverScalar(part, key, slot);
                    }
                }
            }
        }

        /** A duplicate key of one object is a violation; the value was checked first, as the reason says. */
        private void checkUnique(Field field, String key) throws RawEventException {
            boolean repeated;
            if (keyCount < LINEAR_KEY_CHECKS) {
                // Jackson hands out one String per name, so its hash is computed once and then only compared.
                int hash = key.hashCode();
                repeated = false;
                for (int i = 0; i < keyCount && !repeated; i++) {
                    repeated = keyHashes[i] == hash && keys[i].equals(key);
                }
                keys[keyCount] = key;
                keyHashes[keyCount++] = hash;
            } else {
                if (manyKeys == null) {
                    manyKeys = new HashSet<>(List.of(keys));
                }
                repeated = !manyKeys.add(key);
            }
            if (repeated) {
                throw violation(path(field, key, -1) + ": duplicate key");
            }
        }

        /** The array's elements, all validated; collected only when {@code keep}, else null. */
        private List<Object> readArray(Field field, String key, boolean keep) throws IOException, RawEventException {
            List<Object> elements = keep ? new ArrayList<>() : null;
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == JsonToken.START_ARRAY) {
                    throw violation(path(field, key, index) + ": nested arrays are not property values");
                }
                checkScalar(field, key, index);
                if (keep) {
                    elements.add(scalar());
                }
                index++;
            }
            return elements;
        }

        /** Refuses what is not a property value: null, an object, an integer beyond 64 bits, a non-finite number. */
        private void checkScalar(Field field, String key, int index) throws IOException, RawEventException {
            switch (p.currentToken()) {
                case VALUE_STRING, VALUE_TRUE, VALUE_FALSE -> {
                }
                case VALUE_NUMBER_INT -> {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw violation("integer out of 64-bit range in " + path(field, key, index) + " (use a decimal string)");
                    }
                }
                case VALUE_NUMBER_FLOAT -> {
                    if (!Double.isFinite(p.getDoubleValue())) {
                        throw violation(path(field, key, index) + ": number out of double range, got " + shown(p.getText()));
                    }
                }
                case VALUE_NULL -> throw violation(path(field, key, index) + ": null is not a property value");
                default -> throw violation(path(field, key, index) + ": objects are not property values");
            }
        }

        /** The current scalar, checked by {@link #checkScalar}, boxed as {@link RawEvent} holds it. */
        private Object scalar() throws IOException {
            return switch (p.currentToken()) {
                case VALUE_STRING -> p.getText();
                case VALUE_NUMBER_INT -> p.getLongValue();
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                default -> p.currentToken() == JsonToken.VALUE_TRUE;
            };
        }

        /** The current scalar, checked by {@link #checkScalar}, to the sink unboxed. */
        private void deliverScalar(RawEventSink.Part part, String key, int slot) throws IOException {
            switch (p.currentToken()) {
                case VALUE_STRING -> sink.string(part, key, slot, p.getText());
                case VALUE_NUMBER_INT -> sink.integer(part, key, slot, p.getLongValue());
                case VALUE_NUMBER_FLOAT -> sink.number(part, key, slot, p.getDoubleValue());
                default -> sink.bool(part, key, slot, p.currentToken() == JsonToken.VALUE_TRUE);
            }
        }

        /** Skips the current value of an unknown field, bounding its depth without recursion. */
        private void skipValue(int depth) throws IOException, RawEventException {
            if (!p.currentToken().isStructStart()) {
                return;
            }
            int level = depth + 1;
            while (level > depth) {
                if (level > MAX_NESTING_DEPTH) {
                    throw violation("JSON nested deeper than " + MAX_NESTING_DEPTH + " levels");
                }
                JsonToken token = p.nextToken();
                if (token.isStructStart()) {
                    level++;
                } else if (token.isStructEnd()) {
                    level--;
                }
            }
        }

        private RawEventException invalid(Field field, String expectation) throws IOException {
            return violation("field '" + field.key + "' must " + expectation + ", got " + describeCurrent());
        }

        private static RawEventException violation(String reason) {
            return new RawEventException(Kind.CONTRACT_VIOLATION, reason);
        }

        private String describeCurrent() throws IOException {
            return switch (p.currentToken()) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> '"' + String.valueOf(JsonStringEncoder.getInstance().quoteAsString(shown(p.getText()))) + '"';
                default -> shown(p.getText());
            };
        }

        private static String path(Field field, String key, int index) {
            return field.key + "." + key + (index >= 0 ? "[" + index + "]" : "");
        }
    }

    private static String shown(String text) {
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "…";
    }

    private static boolean isHostName(String host) {
        int n = host.length();
        if (n == 0 || n > 255) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = host.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerCaseGuid(String guid) {
        if (guid.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = guid.charAt(i);
            boolean dashPosition = i == 8 || i == 13 || i == 18 || i == 23;
            boolean ok = dashPosition ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
