package io.etwcorr.collector.survey;

import io.etwcorr.collector.etw.RegisteredProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which providers the survey enables together and for how long. The survey runs one real-time
 * session at a time, so it takes one of the host's sessions however many providers there are;
 * each batch of providers shares a session for one baseline window (and one stimulus window).
 * Classic (MOF) providers are left alone: ETW lets only one session enable a classic provider, so
 * enabling one would take it away from the session that uses it now (the NT Kernel Logger's
 * providers among them).
 *
 * @param batches the providers of each session, by name
 * @param skipped providers the survey does not enable, with the reason (docs/SURVEY.md)
 * @param window the length of each window
 * @param stimulus whether each batch gets a stimulus window after its baseline window
 */
public record SurveyPlan(List<List<RegisteredProvider>> batches, Map<RegisteredProvider, String> skipped,
        Duration window, boolean stimulus) {
    public static final int DEFAULT_BATCH_SIZE = 200;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    /** Starting, enabling, flushing and stopping a session: measured in seconds, not windows. */
    static final Duration BATCH_OVERHEAD = Duration.ofSeconds(1);
    public static final String CLASSIC_PROVIDER = "classic (MOF) provider: ETW lets one session at a time enable it, "
            + "so enabling it would take it from the session using it";

    public SurveyPlan {
        batches = batches.stream().map(List::copyOf).toList();
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the survey window must be longer than 0, not " + window);
        }
    }

    /**
     * Plans the survey of {@code registered}: a provider listed twice is surveyed once, classic
     * providers are skipped, the rest go into batches of at most {@code batchSize} in name order.
     */
    public static SurveyPlan of(List<RegisteredProvider> registered, int batchSize, Duration window, boolean stimulus) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch needs at least 1 provider, not " + batchSize);
        }
        Map<UUID, RegisteredProvider> unique = new LinkedHashMap<>();
        registered.stream().sorted(Comparator.comparing(RegisteredProvider::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(provider -> unique.putIfAbsent(provider.guid(), provider));
        Map<RegisteredProvider, String> skipped = new LinkedHashMap<>();
        List<RegisteredProvider> surveyed = new ArrayList<>();
        for (RegisteredProvider provider : unique.values()) {
            if (provider.classic()) {
                skipped.put(provider, CLASSIC_PROVIDER);
            } else {
                surveyed.add(provider);
            }
        }
        List<List<RegisteredProvider>> batches = new ArrayList<>();
        for (int from = 0; from < surveyed.size(); from += batchSize) {
            batches.add(surveyed.subList(from, Math.min(from + batchSize, surveyed.size())));
        }
        return new SurveyPlan(batches, skipped, window, stimulus);
    }

    public int windowsPerBatch() {
        return stimulus ? 2 : 1;
    }

    public int providerCount() {
        return batches.stream().mapToInt(List::size).sum();
    }

    public double windowSeconds() {
        return window.toNanos() / 1e9;
    }

    /** How long the whole survey takes: every batch's windows one after the other, plus each session's setup. */
    public Duration estimatedDuration() {
        return remainingAfter(0);
    }

    /** How long the batches after the first {@code batchesDone} take. */
    public Duration remainingAfter(int batchesDone) {
        return window.multipliedBy(windowsPerBatch()).plus(BATCH_OVERHEAD).multipliedBy(batches.size() - batchesDone);
    }
}
