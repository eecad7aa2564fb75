package io.etwcorr.collector.etw;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a TRACE_EVENT_INFO buffer (x64 layout, see {@link TRACE_EVENT_INFO}) into an {@link EventSchema}.
 * TDH writes these buffers, but a wrong offset or count would otherwise send every later read astray,
 * so each one is checked against the buffer's length and the property graph is checked to be finite:
 * a struct's members come after the struct, and counts and lengths refer to existing properties.
 */
public final class TraceEventInfoParser {
    /** Far above any manifest's template (the manifest compiler's limit is 128 top-level properties). */
    static final int MAX_PROPERTIES = 4096;
    private static final int PROVIDER_NAME_OFFSET = 52;
    private static final int PROPERTY_COUNT = 100;
    private static final int TOP_LEVEL_PROPERTY_COUNT = 104;

    private TraceEventInfoParser() {
    }

    public static EventSchema parse(ByteBuffer buffer) throws PayloadException {
        ByteBuffer info = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (info.limit() < TRACE_EVENT_INFO.PROPERTY_ARRAY_OFFSET) {
            throw new PayloadException("TRACE_EVENT_INFO of " + info.limit() + " bytes, shorter than its "
                    + TRACE_EVENT_INFO.PROPERTY_ARRAY_OFFSET + "-byte header");
        }
        long propertyCount = Integer.toUnsignedLong(info.getInt(PROPERTY_COUNT));
        long topLevelCount = Integer.toUnsignedLong(info.getInt(TOP_LEVEL_PROPERTY_COUNT));
        if (propertyCount > MAX_PROPERTIES) {
            throw new PayloadException("TRACE_EVENT_INFO claims " + propertyCount + " properties, at most "
                    + MAX_PROPERTIES + " are accepted");
        }
        if (topLevelCount > propertyCount) {
            throw new PayloadException("TRACE_EVENT_INFO claims " + topLevelCount + " top-level properties of "
                    + propertyCount);
        }
        long arrayEnd = TRACE_EVENT_INFO.PROPERTY_ARRAY_OFFSET + propertyCount * EVENT_PROPERTY_INFO.SIZE;
        if (arrayEnd > info.limit()) {
            throw new PayloadException("TRACE_EVENT_INFO's " + propertyCount + " properties end at byte " + arrayEnd
                    + ", past its " + info.limit() + " bytes");
        }
        List<PropertySchema> properties = new ArrayList<>((int) propertyCount);
        for (int index = 0; index < propertyCount; index++) {
            properties.add(property(info, index, (int) propertyCount));
        }
        String providerName = optionalString(info, info.getInt(PROVIDER_NAME_OFFSET), "ProviderName");
        return new EventSchema(providerName, properties, (int) topLevelCount);
    }

    private static PropertySchema property(ByteBuffer info, int index, int propertyCount) throws PayloadException {
        int at = TRACE_EVENT_INFO.PROPERTY_ARRAY_OFFSET + index * EVENT_PROPERTY_INFO.SIZE;
        int flags = info.getInt(at);
        String name = string(info, info.getInt(at + 4), "the name of property " + index);
        int inType = Short.toUnsignedInt(info.getShort(at + 8));
        int outType = Short.toUnsignedInt(info.getShort(at + 10));
        int count = Short.toUnsignedInt(info.getShort(at + 16));
        int length = Short.toUnsignedInt(info.getShort(at + 18));
        PropertySchema property = new PropertySchema(name, flags, inType, outType, count, length);
        if (property.isStruct() && (property.structStart() <= index
                || property.structStart() + property.structMembers() > propertyCount)) {
            throw new PayloadException("struct property " + index + " (" + name + ") has members "
                    + property.structStart() + ".." + (property.structStart() + property.structMembers() - 1)
                    + ", not after it within the " + propertyCount + " properties");
        }
        if ((property.countFromProperty() && count >= propertyCount)
                || (property.lengthFromProperty() && length >= propertyCount)) {
            throw new PayloadException("property " + index + " (" + name + ") takes its count or length from a "
                    + "property index beyond the " + propertyCount + " properties");
        }
        return property;
    }

    private static String optionalString(ByteBuffer info, int offset, String what) throws PayloadException {
        return offset == 0 ? null : string(info, offset, what);
    }

    /** The NUL-terminated UTF-16LE string at {@code offset}, which must lie wholly inside the buffer. */
    private static String string(ByteBuffer info, int offset, String what) throws PayloadException {
        long start = Integer.toUnsignedLong(offset);
        if (start < TRACE_EVENT_INFO.PROPERTY_ARRAY_OFFSET || start >= info.limit()) {
            throw new PayloadException(what + " is at offset " + start + ", outside the " + info.limit()
                    + "-byte TRACE_EVENT_INFO");
        }
        return PayloadReader.of(info.duplicate().position((int) start), false).unicodeString(what);
    }
}
