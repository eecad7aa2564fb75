package io.etwcorr.collector.etw;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The generic decoders of event types no manifest decoder knows, built from TDH's schema once per
 * (provider, id, version) and cached, so TDH is asked once per event type, not per event. An event
 * type without a schema, or with one that cannot be read, is cached as such too. The cache is
 * bounded: past {@link #MAX_EVENT_TYPES} types it starts over. Thread-safe.
 */
public final class EventSchemas {
    static final int MAX_EVENT_TYPES = 4096;

    private final EventInfoSource source;
    private final Map<EventKey, Lookup> cache = new ConcurrentHashMap<>();
    private final LongAdder lookups = new LongAdder();

    public EventSchemas(EventInfoSource source) {
        this.source = source;
    }

    /** No generic decoding: every event type without a manifest decoder is passed over. */
    public static EventSchemas none() {
        return new EventSchemas(eventRecord -> null);
    }

    /** TDH on Windows; loads tdh.dll at the first event that needs it. */
    public static EventSchemas tdh() {
        return new EventSchemas(eventRecord -> new NativeEventInfoSource(EtwLibraries.tdh()).traceEventInfo(eventRecord));
    }

    /**
     * The decoder of {@code key}'s event type, or null when TDH has no schema for it.
     *
     * @throws PayloadException when its schema could not be read (then and on every later event of the type)
     */
    public Decoder find(EventKey key, Pointer eventRecord) throws PayloadException {
        Lookup lookup = cache.get(key);
        if (lookup == null) {
            lookup = lookUp(eventRecord);
            if (cache.size() >= MAX_EVENT_TYPES) {
                cache.clear();
            }
            cache.put(key, lookup);
        }
        if (lookup.failure() != null) {
            throw new PayloadException(lookup.failure());
        }
        return lookup.decoder();
    }

    /** Calls to TDH since construction. */
    public long lookups() {
        return lookups.sum();
    }

    private Lookup lookUp(Pointer eventRecord) {
        lookups.increment();
        try {
            ByteBuffer info = source.traceEventInfo(eventRecord);
            if (info == null) {
                return new Lookup(null, null);
            }
            EventSchema schema = TraceEventInfoParser.parse(info);
            return new Lookup(new Decoder(schema.providerName(), new TdhPayloadDecoder(schema)), null);
        } catch (PayloadException e) {
            return new Lookup(null, "no usable TDH schema: " + e.getMessage());
        } catch (RuntimeException e) {
            // E.g. tdh.dll missing: the ETW callback must still return normally.
            return new Lookup(null, "TDH lookup failed: " + e);
        }
    }

    /** A generic decoder and the provider name TDH registered for the event type. */
    public record Decoder(String providerName, PayloadDecoder payload) {
    }

    private record Lookup(Decoder decoder, String failure) {
    }
}
