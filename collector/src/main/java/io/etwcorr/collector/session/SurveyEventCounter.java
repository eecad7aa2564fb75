package io.etwcorr.collector.session;

import com.sun.jna.Pointer;
import io.etwcorr.collector.etw.EventRecordCallback;
import io.etwcorr.collector.etw.Guids;
import io.etwcorr.collector.survey.BatchTally;

/**
 * The survey's ProcessTrace callback: reads the provider GUID, event id, keyword mask and
 * timestamp from the EVENT_HEADER (never the payload) and counts the event in the batch's tally.
 */
final class SurveyEventCounter implements EventRecordCallback {
    private final BatchTally tally;

    SurveyEventCounter(BatchTally tally) {
        this.tally = tally;
    }

    @Override
    public void invoke(Pointer eventRecord) {
        tally.record(Guids.read(eventRecord, EventRecordLayout.PROVIDER_ID),
                Short.toUnsignedInt(eventRecord.getShort(EventRecordLayout.EVENT_ID)),
                eventRecord.getLong(EventRecordLayout.EVENT_KEYWORD),
                EventRecordDecoder.filetimeMicros(eventRecord.getLong(EventRecordLayout.TIMESTAMP)));
    }
}
