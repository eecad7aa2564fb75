package io.etwcorr.collector.survey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One provider's events in one survey window: how many, per event id, and the OR of their keyword
 * masks. Not thread-safe: ProcessTrace's one thread writes it, the survey reads it after that thread ended.
 */
public final class EventTally {
    private static final Comparator<EventIdCount> MOST_FREQUENT_FIRST = Comparator
            .comparingLong(EventIdCount::count).reversed().thenComparingInt(EventIdCount::id);

    private final Map<Integer, long[]> countsById = new HashMap<>();
    private long events;
    private long keywords;

    public void add(int eventId, long keyword) {
        countsById.computeIfAbsent(eventId, id -> new long[1])[0]++;
        events++;
        keywords |= keyword;
    }

    public long events() {
        return events;
    }

    /** The {@code limit} most frequent event ids, most frequent first, ties by id. */
    public List<EventIdCount> topEventIds(int limit) {
        List<EventIdCount> counts = new ArrayList<>();
        countsById.forEach((id, count) -> counts.add(new EventIdCount(id, count[0])));
        return counts.stream().sorted(MOST_FREQUENT_FIRST).limit(limit).toList();
    }

    public Set<Integer> eventIds() {
        return Set.copyOf(countsById.keySet());
    }

    /** The keyword bits seen, lowest first: the OR of every event's keyword mask, one bit per entry. */
    public List<Long> keywordBits() {
        List<Long> bits = new ArrayList<>();
        for (long rest = keywords; rest != 0; rest &= rest - 1) {
            bits.add(Long.lowestOneBit(rest));
        }
        return bits;
    }
}
