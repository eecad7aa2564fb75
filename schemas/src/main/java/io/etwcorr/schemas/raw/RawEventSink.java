package io.etwcorr.schemas.raw;

import java.util.List;

/**
 * Where {@link RawEventCodec#decode(byte[], RawEventSink)} hands a record's validated parts while it
 * streams through the JSON, so that a reader can build what it needs without the map of boxed values
 * {@link RawEvent} holds. The codec validates every record in full whatever the sink keeps.
 *
 * <p>Per decode: {@link #begin()}; then, as they come, {@link #object(Part)} when {@code props} or
 * {@code x} opens and one value call per key the sink asked for with {@link #slot(Part, String)};
 * then {@link #end(RawEnvelope)} once the whole record passed. A decode that fails stops without
 * {@code end}; the next decode starts with {@code begin} again. A value call comes only after the
 * value was validated and its key found unique in its object.
 *
 * @param <T> what a decode returns
 */
public interface RawEventSink<T> {

    /** The two objects of the envelope that carry named values. */
    enum Part {
        /** {@code props}: the event's payload properties. */
        PROPS,
        /** {@code x}: the collector's enrichment. */
        X
    }

    /** A new record starts; forget the previous one. */
    void begin();

    /** The {@code props} or {@code x} object opens (each at most once per record). */
    void object(Part part);

    /**
     * The sink's own slot for the value of {@code key}, passed back with the value, or -1 to have the
     * codec validate the value and not convert it (a skipped string is never decoded into a String).
     */
    int slot(Part part, String key);

    void integer(Part part, String key, int slot, long value);

    /** A finite JSON number that is not an integer. */
    void number(Part part, String key, int slot, double value);

    void string(Part part, String key, int slot, String value);

    void bool(Part part, String key, int slot, boolean value);

    /** An array of scalars, as {@link RawEvent} holds them (Long, Double, String, Boolean). */
    void array(Part part, String key, int slot, List<Object> elements);

    /** The record passed every check; {@code envelope} belongs to this decode, so the sink may keep it. */
    T end(RawEnvelope envelope) throws RawEventException;
}
