package io.etwcorr.jobs.normalize;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;

/**
 * The job's parse of a raw record: the codec validates it and streams the props the job reads into
 * slots reused record after record ({@link StreamedRawEvent}, no map of boxed values), and the
 * normalizer makes the event from them. One per thread; {@link ParseAndNormalize} holds one per task.
 */
public final class StreamedParser {
    private final StreamedRawEvent slots = new StreamedRawEvent();
    private final EventNormalizer normalizer = new EventNormalizer();

    /** The record's envelope and props, valid until the next call; the codec's reason if it breaks the contract. */
    StreamedRawEvent decode(byte[] json) throws RawEventException {
        return RawEventCodec.decode(json, slots);
    }

    /** The event of the record {@link #decode} read last; the normalizer's reason if it cannot be one. */
    EtwEvent normalize(StreamedRawEvent decoded) throws RawEventException {
        return normalizer.normalize(decoded);
    }

    /** Both steps, as the job runs them (benchmarks time this). */
    public EtwEvent parse(byte[] json) throws RawEventException {
        return normalize(decode(json));
    }
}
