package io.etwcorr.collector.survey;

import java.util.List;
import java.util.Objects;

/**
 * One provider's line in a survey: its baseline volume and, when the survey ran a stimulus,
 * its volume while the stimulus ran.
 *
 * @param provider the provider's registered name
 * @param guid the provider GUID, 8-4-4-4-12 hex digits without braces
 * @param windowS the length of the baseline window in seconds
 * @param events events in the baseline window
 * @param eventsPerS events per second in the baseline window
 * @param topEventIds the most frequent event ids, most frequent first, at most {@link #MAX_TOP_EVENT_IDS}
 * @param keywords the keyword masks seen on the provider's events
 * @param stimulus the stimulus window, or null when the survey had no stimulus
 */
public record SurveyRow(
        String provider,
        String guid,
        double windowS,
        long events,
        double eventsPerS,
        List<EventIdCount> topEventIds,
        List<Long> keywords,
        StimulusWindow stimulus) {

    public static final int MAX_TOP_EVENT_IDS = 10;

    public SurveyRow {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(guid, "guid");
        if (!(windowS > 0)) {
            throw new IllegalArgumentException("window must be positive, got " + windowS);
        }
        if (events < 0 || !(eventsPerS >= 0)) {
            throw new IllegalArgumentException("volume must not be negative");
        }
        topEventIds = List.copyOf(topEventIds);
        if (topEventIds.size() > MAX_TOP_EVENT_IDS) {
            throw new IllegalArgumentException("at most " + MAX_TOP_EVENT_IDS + " top event ids, got " + topEventIds.size());
        }
        keywords = List.copyOf(keywords);
    }

    public boolean hasStimulus() {
        return stimulus != null;
    }

    public boolean isSilent() {
        return events == 0;
    }
}
