package io.etwcorr.collector.survey;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One batch's events per provider and window, attributed by the provider GUID in each event's
 * header. Events of other providers (ETW's own trace header event, for one) and events outside the
 * windows are counted apart, never dropped unseen. Not thread-safe: ProcessTrace's one thread
 * records, the survey reads after that thread ended.
 */
public final class BatchTally {
    private final SurveyWindows windows;
    private final Map<UUID, EventTally[]> tallies = new HashMap<>();
    private long unattributed;
    private long outsideWindows;

    public BatchTally(Collection<UUID> providers, SurveyWindows windows) {
        this.windows = windows;
        for (UUID provider : providers) {
            EventTally[] perWindow = new EventTally[windows.count()];
            for (int i = 0; i < perWindow.length; i++) {
                perWindow[i] = new EventTally();
            }
            tallies.put(provider, perWindow);
        }
    }

    /** One event: its provider, id and keyword mask from the EVENT_HEADER, its timestamp in µs since the epoch. */
    public void record(UUID provider, int eventId, long keyword, long timestampMicros) {
        EventTally[] perWindow = tallies.get(provider);
        if (perWindow == null) {
            unattributed++;
            return;
        }
        int window = windows.windowOf(timestampMicros);
        if (window == SurveyWindows.OUTSIDE) {
            outsideWindows++;
            return;
        }
        perWindow[window].add(eventId, keyword);
    }

    /** {@code provider}'s events in window {@code window} ({@link SurveyWindows#BASELINE} or {@link SurveyWindows#STIMULUS}). */
    public EventTally tally(UUID provider, int window) {
        EventTally[] perWindow = tallies.get(provider);
        if (perWindow == null) {
            throw new IllegalArgumentException(provider + " is not in this batch");
        }
        return perWindow[window];
    }

    public SurveyWindows windows() {
        return windows;
    }

    /** Events of providers outside the batch. */
    public long unattributed() {
        return unattributed;
    }

    /** Events of the batch's providers logged before the baseline window opened or after the last one closed. */
    public long outsideWindows() {
        return outsideWindows;
    }
}
