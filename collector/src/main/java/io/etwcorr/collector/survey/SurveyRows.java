package io.etwcorr.collector.survey;

import io.etwcorr.collector.etw.RegisteredProvider;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Turns what a batch counted into CSV rows. */
public final class SurveyRows {
    private SurveyRows() {
    }

    /** The row of {@code provider}, which was enabled in the batch {@code tally} counted. */
    public static SurveyRow measured(RegisteredProvider provider, BatchTally tally) {
        SurveyWindows windows = tally.windows();
        double seconds = windows.lengthSeconds();
        EventTally baseline = tally.tally(provider.guid(), SurveyWindows.BASELINE);
        StimulusWindow stimulus = null;
        if (windows.count() > 1) {
            EventTally during = tally.tally(provider.guid(), SurveyWindows.STIMULUS);
            Set<Integer> newIds = new TreeSet<>(during.eventIds());
            newIds.removeAll(baseline.eventIds());
            stimulus = new StimulusWindow(during.events(), during.events() / seconds, List.copyOf(newIds));
        }
        return new SurveyRow(provider.name(), provider.guid().toString(), seconds, baseline.events(),
                baseline.events() / seconds, baseline.topEventIds(SurveyRow.MAX_TOP_EVENT_IDS), baseline.keywordBits(),
                stimulus, null);
    }

    /** The row of a provider the survey did not measure, and why. */
    public static SurveyRow notSurveyed(RegisteredProvider provider, SurveyPlan plan, String reason) {
        return SurveyRow.notSurveyed(provider.name(), provider.guid().toString(), plan.windowSeconds(),
                plan.stimulus(), reason);
    }
}
