package io.etwcorr.collector.survey;

import java.util.List;

/**
 * What a survey collected: the CSV's rows and the counts that say how far to trust them.
 *
 * @param rows one row per registered provider: measured, or not surveyed with the reason
 * @param unattributed events of providers outside their batch (ETW's own trace header event, for one)
 * @param outsideWindows events logged while a session was set up or stopped, outside every window
 * @param eventsLost events the sessions could not write (EventsLost summed over the batches)
 * @param buffersLost buffers no consumer took in time (RealTimeBuffersLost summed over the batches)
 * @param stimulusRuns how the stimulus command ended in each batch, in batch order
 */
public record SurveyResult(List<SurveyRow> rows, long unattributed, long outsideWindows, long eventsLost,
        long buffersLost, List<String> stimulusRuns) {
    public SurveyResult {
        rows = List.copyOf(rows);
        stimulusRuns = List.copyOf(stimulusRuns);
    }
}
