package io.etwcorr.jobs.normalize;

import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.schemas.out.DeadLetterRecord;
import io.etwcorr.schemas.out.EcsTime;
import io.etwcorr.schemas.out.OutputJson;

/** The etw.deadletter records (docs/contract/outputs.md) of input that could not be used. */
public final class DeadLetters {
    /**
     * An etw.deadletter record. {@code host} and {@code ts} (µs) are null / -1 when the record was
     * too broken to tell.
     */
    public static OutputRecord deadLetter(String host, long ts, String errorType, String reason, byte[] original,
            String origin) {
        DeadLetterRecord record = DeadLetterRecord.of(ts < 0 ? null : EcsTime.format(ts), host, errorType, reason,
                original, origin);
        return new OutputRecord(host == null ? "" : host, ts, OutputJson.toJson(record));
    }

    private DeadLetters() {}
}
