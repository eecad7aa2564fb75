package io.etwcorr.collector.survey;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One provider's line in a survey: its baseline volume and, when the survey ran a stimulus,
 * its volume while the stimulus ran. The constructor enforces what the CSV reader enforces,
 * so every row that can be written can be read back; its messages name the CSV columns.
 *
 * @param provider the provider's registered name, not blank
 * @param guid the provider GUID, 8-4-4-4-12 hex digits without braces
 * @param windowS the length of the baseline window in seconds
 * @param events events in the baseline window
 * @param eventsPerS events per second in the baseline window
 * @param topEventIds the most frequent event ids, most frequent first, at most {@link #MAX_TOP_EVENT_IDS},
 *        their counts adding up to at most {@code events}
 * @param keywords the keyword masks seen on the provider's events
 * @param stimulus the stimulus window, or null when the survey had no stimulus
 * @param notSurveyed why the provider was not measured (it could not be enabled, or the survey leaves it
 *        alone), or null when it was; such a row has no events
 */
public record SurveyRow(
        String provider,
        String guid,
        double windowS,
        long events,
        double eventsPerS,
        List<EventIdCount> topEventIds,
        List<Long> keywords,
        StimulusWindow stimulus,
        String notSurveyed) {

    public static final int MAX_TOP_EVENT_IDS = 10;

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public SurveyRow {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(guid, "guid");
        if (provider.isBlank()) {
            throw new IllegalArgumentException("provider must not be empty");
        }
        if (!GUID.matcher(guid).matches()) {
            throw new IllegalArgumentException("guid must be 8-4-4-4-12 hex digits without braces, got \"" + guid + "\"");
        }
        if (!(windowS > 0) || Double.isInfinite(windowS)) {
            throw new IllegalArgumentException("window_s must be more than 0 and finite, got " + windowS);
        }
        if (events < 0) {
            throw new IllegalArgumentException("events must not be negative, got " + events);
        }
        if (!(eventsPerS >= 0) || Double.isInfinite(eventsPerS)) {
            throw new IllegalArgumentException("events_per_s must be 0 or more and finite, got " + eventsPerS);
        }
        topEventIds = List.copyOf(topEventIds);
        checkTopEventIds(topEventIds, events);
        keywords = List.copyOf(keywords);
        if (notSurveyed != null) {
            checkNotSurveyed(notSurveyed, events, topEventIds, keywords, stimulus);
        }
    }

    /** A provider the survey measured. */
    public SurveyRow(String provider, String guid, double windowS, long events, double eventsPerS,
            List<EventIdCount> topEventIds, List<Long> keywords, StimulusWindow stimulus) {
        this(provider, guid, windowS, events, eventsPerS, topEventIds, keywords, stimulus, null);
    }

    /** A provider the survey did not measure, and why; with a stimulus window of nothing when the survey had one. */
    public static SurveyRow notSurveyed(String provider, String guid, double windowS, boolean withStimulus, String reason) {
        return new SurveyRow(provider, guid, windowS, 0, 0, List.of(), List.of(),
                withStimulus ? new StimulusWindow(0, 0, List.of()) : null, reason);
    }

    private static void checkNotSurveyed(String reason, long events, List<EventIdCount> topEventIds, List<Long> keywords,
            StimulusWindow stimulus) {
        if (reason.isBlank()) {
            throw new IllegalArgumentException("not_surveyed must say why, or be empty for a surveyed provider");
        }
        if (events != 0 || !topEventIds.isEmpty() || !keywords.isEmpty() || (stimulus != null && stimulus.events() != 0)) {
            throw new IllegalArgumentException("a provider that was not surveyed has no events, ids or keywords");
        }
    }

    private static void checkTopEventIds(List<EventIdCount> topEventIds, long events) {
        if (topEventIds.size() > MAX_TOP_EVENT_IDS) {
            throw new IllegalArgumentException("top_event_ids holds at most " + MAX_TOP_EVENT_IDS + " ids, got " + topEventIds.size());
        }
        long total = 0;
        for (int i = 0; i < topEventIds.size(); i++) {
            EventIdCount count = topEventIds.get(i);
            if (i > 0 && topEventIds.get(i - 1).count() < count.count()) {
                throw new IllegalArgumentException("top_event_ids must list the most frequent first, got \""
                        + count + "\" after \"" + topEventIds.get(i - 1) + "\"");
            }
            total += count.count();
        }
        if (total > events) {
            throw new IllegalArgumentException("top_event_ids counts add up to " + total + ", more than the " + events + " events");
        }
    }

    public boolean hasStimulus() {
        return stimulus != null;
    }

    /** Measured, and logged nothing in the baseline window. */
    public boolean isSilent() {
        return isSurveyed() && events == 0;
    }

    public boolean isSurveyed() {
        return notSurveyed == null;
    }
}
