package io.etwcorr.collector.survey;

import java.util.List;
import java.util.Objects;

/**
 * What one provider did while the stimulus command ran.
 *
 * @param events events in the stimulus window
 * @param eventsPerS events per second in the stimulus window
 * @param newEventIds event ids seen in the stimulus window but not in the baseline window, each 0..65535
 */
public record StimulusWindow(long events, double eventsPerS, List<Integer> newEventIds) {

    public StimulusWindow {
        if (events < 0) {
            throw new IllegalArgumentException("stimulus_events must not be negative, got " + events);
        }
        if (!(eventsPerS >= 0) || Double.isInfinite(eventsPerS)) {
            throw new IllegalArgumentException("stimulus_events_per_s must be 0 or more and finite, got " + eventsPerS);
        }
        newEventIds = List.copyOf(Objects.requireNonNull(newEventIds, "newEventIds"));
        if (events == 0 && !newEventIds.isEmpty()) {
            throw new IllegalArgumentException("stimulus_new_event_ids must be empty when stimulus_events is 0");
        }
        for (int id : newEventIds) {
            if (id < 0 || id > EventIdCount.MAX_ID) {
                throw new IllegalArgumentException("stimulus_new_event_ids must be 0.." + EventIdCount.MAX_ID + ", got " + id);
            }
        }
    }
}
