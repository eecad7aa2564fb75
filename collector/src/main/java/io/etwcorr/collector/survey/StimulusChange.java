package io.etwcorr.collector.survey;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One provider's change between the baseline window and the stimulus window, compared per second
 * so that windows of different lengths compare fairly.
 */
public record StimulusChange(SurveyRow row) {

    /** New providers first, then by falling ratio, ties by name. */
    static final Comparator<StimulusChange> BIGGEST_FIRST = Comparator
            .comparing(StimulusChange::isNewProvider).reversed()
            .thenComparing(Comparator.comparingDouble(StimulusChange::ratio).reversed())
            .thenComparing(change -> change.row().provider(), SurveyReport.PROVIDER_NAME_ORDER);

    public StimulusChange {
        if (!row.hasStimulus()) {
            throw new IllegalArgumentException(row.provider() + " has no stimulus window");
        }
    }

    public double baselinePerS() {
        return row.eventsPerS();
    }

    public double stimulusPerS() {
        return row.stimulus().eventsPerS();
    }

    public List<Integer> newEventIds() {
        return row.stimulus().newEventIds();
    }

    /** The new event ids separated by spaces, for the report tables. */
    public String newEventIdsLabel() {
        return newEventIds().stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    /** Silent in the baseline window, speaking during the stimulus: no ratio, the report says "new". */
    public boolean isNewProvider() {
        return baselinePerS() == 0 && stimulusPerS() > 0;
    }

    /** Stimulus rate over baseline rate; infinite for a new provider, NaN when both windows were silent. */
    public double ratio() {
        return stimulusPerS() / baselinePerS();
    }

    public String ratioLabel() {
        return isNewProvider() ? "new" : Numbers.ratio(ratio());
    }

    boolean volumeRose(double threshold) {
        return isNewProvider() || ratio() >= threshold;
    }
}
