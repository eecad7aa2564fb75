package io.etwcorr.collector.etw;

/**
 * One EVENT_PROPERTY_INFO, read out of a TRACE_EVENT_INFO buffer. For a struct, {@code inType} and
 * {@code outType} are its StructStartIndex and NumOfStructMembers; with PropertyParamCount or
 * PropertyParamLength, {@code count} or {@code length} is the index of the property holding the value.
 */
public record PropertySchema(String name, int flags, int inType, int outType, int count, int length) {

    public boolean isStruct() {
        return (flags & TdhTypes.PROPERTY_STRUCT) != 0;
    }

    public boolean countFromProperty() {
        return (flags & TdhTypes.PROPERTY_PARAM_COUNT) != 0;
    }

    public boolean lengthFromProperty() {
        return (flags & TdhTypes.PROPERTY_PARAM_LENGTH) != 0;
    }

    /** An array, even of one element: a count taken from another property, above one, or declared fixed. */
    public boolean isArray() {
        return countFromProperty() || count > 1 || (flags & TdhTypes.PROPERTY_PARAM_FIXED_COUNT) != 0;
    }

    public int structStart() {
        return inType;
    }

    public int structMembers() {
        return outType;
    }
}
