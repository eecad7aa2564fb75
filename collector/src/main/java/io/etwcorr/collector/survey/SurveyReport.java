package io.etwcorr.collector.survey;


import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a survey says: which providers talk the most, how many said nothing, and, when the survey
 * ran a stimulus, which providers reacted to it.
 */
public final class SurveyReport {

    public static final double DEFAULT_RISE_THRESHOLD = 2.0;

    /** Case-insensitive first so that names sort the way people read them, then exact for a stable order. */
    static final Comparator<String> PROVIDER_NAME_ORDER =
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private static final Comparator<SurveyRow> LOUDEST_FIRST = Comparator
            .comparingDouble(SurveyRow::eventsPerS).reversed()
            .thenComparing(SurveyRow::provider, PROVIDER_NAME_ORDER);
    private static final Comparator<SurveyRow> BY_NAME = Comparator.comparing(SurveyRow::provider, PROVIDER_NAME_ORDER);

    private final List<SurveyRow> rows;
    private final double riseThreshold;
    private final List<SurveyRow> topTalkers;
    private final List<SurveyRow> silentProviders;
    private final List<SurveyRow> notSurveyed;
    private final List<StimulusChange> stimulusChanges;

    private SurveyReport(List<SurveyRow> rows, double riseThreshold) {
        this.rows = List.copyOf(rows);
        this.riseThreshold = riseThreshold;
        this.topTalkers = this.rows.stream().filter(row -> row.events() > 0).sorted(LOUDEST_FIRST).toList();
        this.silentProviders = this.rows.stream().filter(SurveyRow::isSilent).sorted(BY_NAME).toList();
        this.notSurveyed = this.rows.stream().filter(row -> !row.isSurveyed()).sorted(BY_NAME).toList();
        this.stimulusChanges = this.rows.stream().filter(row -> row.hasStimulus() && row.isSurveyed()).map(StimulusChange::new)
                .filter(change -> change.volumeRose(riseThreshold) || !change.newEventIds().isEmpty())
                .sorted(StimulusChange.BIGGEST_FIRST).toList();
    }

    public static SurveyReport of(List<SurveyRow> rows) {
        return of(rows, DEFAULT_RISE_THRESHOLD);
    }

    /** @param riseThreshold the stimulus/baseline ratio from which a provider counts as having risen */
    public static SurveyReport of(List<SurveyRow> rows, double riseThreshold) {
        if (!(riseThreshold > 0)) {
            throw new IllegalArgumentException("rise threshold must be positive, got " + riseThreshold);
        }
        return new SurveyReport(rows, riseThreshold);
    }

    public int providerCount() {
        return rows.size();
    }

    /** Every provider that logged at least one event, loudest first, ties by name. */
    public List<SurveyRow> topTalkers() {
        return topTalkers;
    }

    /** Providers that logged nothing in the baseline window, by name. */
    public List<SurveyRow> silentProviders() {
        return silentProviders;
    }

    /** Providers the survey could not enable or left alone, by name; {@link SurveyRow#notSurveyed()} says why. */
    public List<SurveyRow> notSurveyed() {
        return notSurveyed;
    }

    /** Each reason providers were not surveyed for, with how many, most common first, ties by reason. */
    public Map<String, Long> notSurveyedReasons() {
        Map<String, Long> counts = notSurveyed.stream()
                .collect(Collectors.groupingBy(SurveyRow::notSurveyed, Collectors.counting()));
        Map<String, Long> ordered = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }

    /** Whether the survey ran a stimulus window (then {@link #stimulusChanges()} is meaningful). */
    public boolean hasStimulus() {
        return rows.stream().anyMatch(SurveyRow::hasStimulus);
    }

    /**
     * Providers whose volume rose to at least the threshold ratio, that spoke only during the stimulus,
     * or that logged event ids during the stimulus they had not logged before; biggest change first.
     */
    public List<StimulusChange> stimulusChanges() {
        return stimulusChanges;
    }

    public double riseThreshold() {
        return riseThreshold;
    }

    /** "a 10 s window", or "windows of 5 to 10 s" when providers were measured over different lengths. */
    String windowDescription() {
        List<Double> windows = rows.stream().map(SurveyRow::windowS).distinct().sorted().toList();
        if (windows.size() == 1) {
            return "a " + Numbers.seconds(windows.get(0)) + " s window";
        }
        return "windows of " + Numbers.seconds(windows.get(0)) + " to "
                + Numbers.seconds(windows.get(windows.size() - 1)) + " s";
    }

    /** One line: how many providers, over what window, how many spoke and how many were silent. */
    public String summaryLine() {
        if (rows.isEmpty()) {
            return "The survey holds no providers.";
        }
        if (notSurveyed.isEmpty()) {
            return providerCount() + " providers surveyed over " + windowDescription() + ": " + activeAndSilent();
        }
        int surveyed = providerCount() - notSurveyed.size();
        return providerCount() + " providers, " + surveyed + " of them surveyed over " + windowDescription() + ": "
                + activeAndSilent() + "; " + notSurveyed.size() + " not surveyed";
    }

    private String activeAndSilent() {
        int surveyed = providerCount() - notSurveyed.size();
        // the share is of the surveyed providers: say so when that is not all of them
        return topTalkers.size() + " active, " + silentProviders.size() + " silent ("
                + Numbers.percent(silentProviders.size(), Math.max(1, surveyed))
                + (notSurveyed.isEmpty() ? "" : " of the " + surveyed + " surveyed") + ")";
    }

    /** An aligned table of the {@code top} loudest providers, the silent count, and the stimulus changes. */
    public String renderText(int top) {
        return TextReport.render(this, top);
    }
}
