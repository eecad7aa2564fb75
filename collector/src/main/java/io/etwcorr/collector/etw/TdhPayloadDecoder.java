package io.etwcorr.collector.etw;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a payload by the layout TDH gave for its event type ({@link EventSchema}), walking the
 * top-level properties in order. Arrays become JSON lists; a struct's members are flattened to
 * {@code Struct.Member} keys (a list per member for an array of structs). Counts and lengths that
 * refer to another property use that property's value as decoded earlier in the same payload.
 * Every read goes through {@link PayloadReader}, so nothing past UserDataLength is touched, and a
 * payload that does not fit is a {@link PayloadException}. Immutable and thread-safe.
 */
public final class TdhPayloadDecoder implements PayloadDecoder {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final EventSchema schema;

    public TdhPayloadDecoder(EventSchema schema) {
        this.schema = schema;
    }

    @Override
    public LinkedHashMap<String, Object> decode(PayloadReader payload) throws PayloadException {
        Walk walk = new Walk(payload, schema.properties().size());
        LinkedHashMap<String, Object> props = new LinkedHashMap<>();
        for (int index = 0; index < schema.topLevelCount(); index++) {
            walk.property(index, "", props);
        }
        return props;
    }

    /** One payload's decoding: the reader and the integer values seen so far, by property index. */
    private final class Walk {
        private final PayloadReader reader;
        private final long[] integers;
        private final boolean[] seen;

        Walk(PayloadReader reader, int propertyCount) {
            this.reader = reader;
            this.integers = new long[propertyCount];
            this.seen = new boolean[propertyCount];
        }

        void property(int index, String prefix, Map<String, Object> props) throws PayloadException {
            PropertySchema property = schema.properties().get(index);
            String key = prefix + property.name();
            int count = property.countFromProperty() ? referenced(property.count(), key, "count")
                    : Math.max(1, property.count());
            if (count > reader.remaining()) {
                throw new PayloadException(key + ": " + count + " elements cannot fit in the " + reader.remaining()
                        + " bytes left of the " + reader.length() + "-byte payload");
            }
            if (property.isStruct()) {
                if (property.isArray()) {
                    structArray(property, key, count, props);
                } else {
                    members(property, key + ".", props);
                }
            } else if (property.isArray()) {
                List<Object> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    values.add(scalar(property, key));
                }
                props.put(key, values);
            } else {
                Object value = scalar(property, key);
                props.put(key, value);
                if (value instanceof Long number) {
                    integers[index] = number;
                    seen[index] = true;
                }
            }
        }

        private void members(PropertySchema struct, String prefix, Map<String, Object> props) throws PayloadException {
            for (int member = 0; member < struct.structMembers(); member++) {
                property(struct.structStart() + member, prefix, props);
            }
        }

        /** One list per member, element i of each list from element i of the array. */
        private void structArray(PropertySchema struct, String key, int count, Map<String, Object> props)
                throws PayloadException {
            Map<String, List<Object>> columns = new LinkedHashMap<>();
            for (int element = 0; element < count; element++) {
                Map<String, Object> members = new LinkedHashMap<>();
                members(struct, key + ".", members);
                for (Map.Entry<String, Object> member : members.entrySet()) {
                    if (member.getValue() instanceof List) {
                        throw new PayloadException(member.getKey() + ": an array inside an array of structs has no "
                                + "flat JSON form and is not decoded");
                    }
                    columns.computeIfAbsent(member.getKey(), name -> new ArrayList<>(count)).add(member.getValue());
                }
            }
            props.putAll(columns);
        }

        private int referenced(int index, String key, String what) throws PayloadException {
            if (!seen[index]) {
                throw new PayloadException(key + ": its " + what + " comes from property " + index
                        + ", which has no integer value before it");
            }
            long value = integers[index];
            if (value < 0 || value > reader.length()) {
                throw new PayloadException(key + ": its " + what + " " + value + " (from property " + index
                        + ") is beyond the " + reader.length() + "-byte payload");
            }
            return (int) value;
        }

        private Object scalar(PropertySchema property, String key) throws PayloadException {
            int length = property.lengthFromProperty() ? referenced(property.length(), key, "length") : property.length();
            boolean sized = property.lengthFromProperty() || length > 0;
            return switch (property.inType()) {
                case TdhTypes.IN_UNICODESTRING -> sized ? reader.unicodeChars(key, length) : reader.unicodeString(key);
                case TdhTypes.IN_ANSISTRING -> sized ? reader.ansiChars(key, length) : reader.ansiString(key);
                case TdhTypes.IN_INT8 -> reader.signed(key, 1);
                case TdhTypes.IN_UINT8 -> reader.u8(key);
                case TdhTypes.IN_INT16 -> reader.signed(key, 2);
                case TdhTypes.IN_UINT16 -> property.outType() == TdhTypes.OUT_PORT ? reader.port(key) : reader.u16(key);
                case TdhTypes.IN_INT32 -> reader.signed(key, 4);
                case TdhTypes.IN_UINT32, TdhTypes.IN_HEXINT32 ->
                        property.outType() == TdhTypes.OUT_IPV4 ? reader.ipv4(key) : reader.u32(key);
                case TdhTypes.IN_INT64 -> reader.signed(key, 8);
                case TdhTypes.IN_UINT64, TdhTypes.IN_HEXINT64 -> reader.u64(key);
                case TdhTypes.IN_FLOAT -> number(reader.f32(key));
                case TdhTypes.IN_DOUBLE -> number(reader.f64(key));
                case TdhTypes.IN_BOOLEAN -> reader.u32(key) != 0;
                case TdhTypes.IN_BINARY -> binary(property, key, length);
                case TdhTypes.IN_GUID -> reader.guid(key);
                case TdhTypes.IN_POINTER, TdhTypes.IN_SIZET -> reader.pointer(key);
                case TdhTypes.IN_FILETIME -> reader.filetimeMicros(key);
                case TdhTypes.IN_SYSTEMTIME -> reader.systemtimeMicros(key);
                case TdhTypes.IN_SID -> reader.sid(key);
                case TdhTypes.IN_WBEMSID -> wbemSid(key);
                case TdhTypes.IN_UNICODECHAR -> reader.unicodeChars(key, 1);
                case TdhTypes.IN_ANSICHAR -> reader.ansiChars(key, 1);
                case TdhTypes.IN_MANIFEST_COUNTEDSTRING, TdhTypes.IN_COUNTEDSTRING ->
                        reader.unicodeChars(key, evenByteCount(key, reader.u16(key)) / 2);
                case TdhTypes.IN_REVERSEDCOUNTEDSTRING ->
                        reader.unicodeChars(key, evenByteCount(key, reader.port(key)) / 2);
                case TdhTypes.IN_MANIFEST_COUNTEDANSISTRING, TdhTypes.IN_COUNTEDANSISTRING ->
                        reader.ansiChars(key, (int) reader.u16(key));
                case TdhTypes.IN_REVERSEDCOUNTEDANSISTRING -> reader.ansiChars(key, (int) reader.port(key));
                case TdhTypes.IN_NONNULLTERMINATEDSTRING ->
                        reader.unicodeChars(key, evenByteCount(key, sized ? length : reader.remaining()) / 2);
                case TdhTypes.IN_NONNULLTERMINATEDANSISTRING -> reader.ansiChars(key, sized ? length : reader.remaining());
                case TdhTypes.IN_MANIFEST_COUNTEDBINARY -> base64(reader.bytes(key, (int) reader.u16(key)));
                case TdhTypes.IN_HEXDUMP -> base64(reader.bytes(key, boundedLength(key, reader.u32(key))));
                default -> {
                    if (!sized) {
                        throw new PayloadException(key + ": in-type " + property.inType() + " has no length to skip it by");
                    }
                    yield base64(reader.bytes(key, length));
                }
            };
        }

        private Object binary(PropertySchema property, String key, int length) throws PayloadException {
            if (property.outType() == TdhTypes.OUT_IPV6 && length == 16) {
                return reader.ipv6(key);
            }
            if (length == 0 && !property.lengthFromProperty()) {
                throw new PayloadException(key + ": Binary without a length");
            }
            return base64(reader.bytes(key, length));
        }

        /** A TOKEN_USER as WBEM logs it: SID_AND_ATTRIBUTES (a pointer and a pointer-aligned U32), then the SID. */
        private String wbemSid(String key) throws PayloadException {
            reader.pointer(key);
            reader.pointer(key);
            return reader.sid(key);
        }

        private int boundedLength(String key, long length) throws PayloadException {
            if (length > reader.remaining()) {
                throw new PayloadException(key + ": length " + length + " is beyond the " + reader.remaining()
                        + " bytes left of the " + reader.length() + "-byte payload");
            }
            return (int) length;
        }

        private static int evenByteCount(String key, long bytes) throws PayloadException {
            if (bytes % 2 != 0) {
                throw new PayloadException(key + ": a UTF-16 string of an odd " + bytes + " bytes");
            }
            return (int) bytes;
        }
    }

    /** A finite number, or its text (NaN, Infinity), which JSON has no number for. */
    private static Object number(double value) {
        return Double.isFinite(value) ? (Object) value : Double.toString(value);
    }

    private static String base64(byte[] bytes) {
        return BASE64.encodeToString(bytes);
    }
}
