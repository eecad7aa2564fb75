package io.etwcorr.jobs.normalize;

import io.etwcorr.schemas.raw.RawEnvelope;

/**
 * A raw record as {@link EventNormalizer} reads it: the envelope and the props it knows, whether they
 * come from the codec's {@link io.etwcorr.schemas.raw.RawEvent} ({@link RawEventMapView}) or straight
 * from the parser ({@link StreamedRawEvent}). Both hold values the codec validated.
 */
interface RawEventView {
    /** The enrichments ({@code x}) the normalizer reads. */
    String IMAGE = "image";
    String CMDLINE = "cmdline";
    String USER = "user";

    /** The envelope fields. */
    RawEnvelope envelope();

    /** The string enrichment {@code key} of {@code x}, or null when absent or not a string. */
    String enrichment(String key);

    /** Whether {@code prop} is present and an integer, which {@link #integer} then returns. */
    boolean isInteger(EventProp prop);

    long integer(EventProp prop);

    /** {@code prop} when it is a string, else null. */
    String string(EventProp prop);

    /**
     * {@code prop} as {@link io.etwcorr.schemas.raw.RawEvent} holds it (Long, Double, String, Boolean, a
     * List of those), or null when absent: for a reason, or a type the fast accessors do not cover.
     */
    Object value(EventProp prop);
}
