package io.etwcorr.collector.session;

import io.etwcorr.collector.etw.EventKey;
import io.etwcorr.schemas.raw.RawEvent;

/** What {@link EventRecordDecoder} made of one EVENT_RECORD. */
public sealed interface DecodeResult {

    /** A record of a known layout; host, run and seq are not assigned yet. */
    record Decoded(RawEvent event) implements DecodeResult {
    }

    /** A layout no manifest decoder knows (left to the generic TDH decoder). */
    record PassedOver(EventKey layout) implements DecodeResult {
    }

    /** A payload that does not match its layout. */
    record Malformed(EventKey layout, String reason) implements DecodeResult {
    }
}
