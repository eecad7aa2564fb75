package io.etwcorr.collector.enrich;

import io.etwcorr.schemas.raw.RawEvent;
import java.util.Map;

/** Adds the host-side {@code x} object to an event before it is sent (contract raw-events.md, "`x` enrichment"). */
public interface Enrichment extends AutoCloseable {
    /** No enrichment: events keep the {@code x} they have. */
    Enrichment NONE = new Enrichment() {
        @Override
        public Map<String, Object> x(RawEvent event) {
            return event.x();
        }

        @Override
        public void close() {
        }
    };

    /** The {@code x} of {@code event}, or null for none. Called on the sender thread, never on ETW's. */
    Map<String, Object> x(RawEvent event);

    @Override
    void close();
}
