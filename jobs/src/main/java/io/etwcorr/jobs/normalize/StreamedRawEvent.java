package io.etwcorr.jobs.normalize;

import io.etwcorr.schemas.raw.RawEnvelope;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventSink;
import java.util.Arrays;
import java.util.List;

/**
 * The job's sink for {@link RawEventCodec#decode(byte[], RawEventSink)}: keeps the envelope, the props
 * the normalizer reads ({@link EventProp}) in slots of primitives, and the three enrichments, and is
 * then read by {@link EventNormalizer} as a {@link RawEventView}. Other props are only validated by the
 * codec: no map, no boxed numbers, no strings decoded. One instance serves one thread, record after
 * record; {@link #end} returns the instance itself, valid until the next decode.
 */
final class StreamedRawEvent implements RawEventSink<StreamedRawEvent>, RawEventView {
    private static final byte ABSENT = 0;
    private static final byte INTEGER = 1;
    private static final byte STRING = 2;
    /** A number that is not an integer, a boolean or a list: kept boxed, only to be reported. */
    private static final byte OTHER = 3;

    private static final String[] ENRICHMENTS = {IMAGE, CMDLINE, USER};

    private final byte[] types = new byte[EventProp.COUNT];
    private final long[] integers = new long[EventProp.COUNT];
    private final String[] strings = new String[EventProp.COUNT];
    private final Object[] others = new Object[EventProp.COUNT];
    private final String[] enrichments = new String[ENRICHMENTS.length];

    private RawEnvelope envelope;

    @Override
    public void begin() {
        Arrays.fill(types, ABSENT);
        Arrays.fill(enrichments, null);
        envelope = null;
    }

    @Override
    public void object(Part part) {
        // nothing to open: the slots were cleared in begin
    }

    @Override
    public int slot(Part part, String key) {
        if (part == Part.X) {
            for (int i = 0; i < ENRICHMENTS.length; i++) {
                if (ENRICHMENTS[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
        EventProp prop = EventProp.byName(key);
        return prop == null ? -1 : prop.ordinal();
    }

    @Override
    public void integer(Part part, String key, int slot, long value) {
        if (part == Part.PROPS) {
            types[slot] = INTEGER;
            integers[slot] = value;
        }
    }

    @Override
    public void string(Part part, String key, int slot, String value) {
        if (part == Part.X) {
            enrichments[slot] = value;
        } else {
            types[slot] = STRING;
            strings[slot] = value;
        }
    }

    @Override
    public void number(Part part, String key, int slot, double value) {
        other(part, slot, value);
    }

    @Override
    public void bool(Part part, String key, int slot, boolean value) {
        other(part, slot, value);
    }

    @Override
    public void array(Part part, String key, int slot, List<Object> elements) {
        other(part, slot, elements);
    }

    /** A value of a type no prop the job reads has; enrichments that are not strings read as absent. */
    private void other(Part part, int slot, Object value) {
        if (part == Part.PROPS) {
            types[slot] = OTHER;
            others[slot] = value;
        }
    }

    @Override
    public StreamedRawEvent end(RawEnvelope envelope) {
        this.envelope = envelope;
        return this;
    }

    @Override
    public RawEnvelope envelope() {
        return envelope;
    }

    @Override
    public String enrichment(String key) {
        int slot = slot(Part.X, key);
        return slot < 0 ? null : enrichments[slot];
    }

    @Override
    public boolean isInteger(EventProp prop) {
        return types[prop.ordinal()] == INTEGER;
    }

    @Override
    public long integer(EventProp prop) {
        return integers[prop.ordinal()];
    }

    @Override
    public String string(EventProp prop) {
        return types[prop.ordinal()] == STRING ? strings[prop.ordinal()] : null;
    }

    @Override
    public Object value(EventProp prop) {
        int slot = prop.ordinal();
        return switch (types[slot]) {
            case INTEGER -> integers[slot];
            case STRING -> strings[slot];
            case OTHER -> others[slot];
            default -> null;
        };
    }
}
