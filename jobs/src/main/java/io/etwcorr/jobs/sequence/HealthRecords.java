package io.etwcorr.jobs.sequence;

import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.schemas.out.EcsTime;
import io.etwcorr.schemas.out.HealthRecord;
import io.etwcorr.schemas.out.OutputJson;

/** The etw.health records (docs/contract/outputs.md) of the sequencer's counters. */
public final class HealthRecords {
    /** An etw.health record for one host and interval [start, end) in microseconds. */
    public static OutputRecord health(String host, long start, long end, HealthCounters c) {
        HealthRecord record = HealthRecord.of(host, EcsTime.format(start), EcsTime.format(end),
                new HealthRecord.Counters(c.received, c.duplicates, c.sequenceGaps, c.late, c.passedOver,
                        c.deadLetters, c.etwEventsLost, c.etwBuffersLost, c.collectorDropped, c.collectorSpooled,
                        c.runs, 0));
        return new OutputRecord(host, start, OutputJson.toJson(record));
    }

    private HealthRecords() {}
}
