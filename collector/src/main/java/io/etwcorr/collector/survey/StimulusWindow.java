package io.etwcorr.collector.survey;

import java.util.List;
import java.util.Objects;

/**
 * What one provider did while the stimulus command ran.
 *
 * @param events events in the stimulus window
 * @param eventsPerS events per second in the stimulus window
 * @param newEventIds event ids seen in the stimulus window but not in the baseline window
 */
public record StimulusWindow(long events, double eventsPerS, List<Integer> newEventIds) {

    public StimulusWindow {
        if (events < 0 || !(eventsPerS >= 0)) {
            throw new IllegalArgumentException("stimulus volume must not be negative");
        }
        newEventIds = List.copyOf(Objects.requireNonNull(newEventIds, "newEventIds"));
    }
}
