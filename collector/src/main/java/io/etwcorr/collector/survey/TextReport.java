package io.etwcorr.collector.survey;

import io.etwcorr.collector.survey.TextTable.Align;
import java.util.List;
import java.util.stream.Collectors;

/** The survey report for a terminal. */
final class TextReport {

    /** Ids beyond these make the line too wide to read; the CSV has all ten. */
    private static final int IDS_SHOWN = 5;

    private TextReport() {
    }

    static String render(SurveyReport report, int top) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, got " + top);
        }
        List<SurveyRow> talkers = report.topTalkers();
        List<SurveyRow> shown = talkers.subList(0, Math.min(top, talkers.size()));
        StringBuilder out = new StringBuilder(report.summaryLine()).append('\n');
        if (!shown.isEmpty()) {
            out.append('\n').append("Top ").append(shown.size()).append(" of ").append(talkers.size())
                    .append(" active providers by events/s:\n");
            TextTable table = new TextTable(List.of("#", "provider", "guid", "events/s", "top event ids (id:count)"),
                    List.of(Align.RIGHT, Align.LEFT, Align.LEFT, Align.RIGHT, Align.LEFT));
            for (int i = 0; i < shown.size(); i++) {
                SurveyRow row = shown.get(i);
                table.add(List.of(String.valueOf(i + 1), row.provider(), row.guid(),
                        Numbers.perSecond(row.eventsPerS()), topIds(row)));
            }
            out.append(table.render());
        }
        out.append('\n').append("Silent: ").append(report.silentProviders().size()).append(" of ")
                .append(report.providerCount()).append(" providers logged no events in the baseline window.\n");
        if (!report.notSurveyed().isEmpty()) {
            appendNotSurveyed(out, report);
        }
        if (report.hasStimulus()) {
            appendStimulus(out, report);
        }
        return out.toString();
    }

    private static void appendStimulus(StringBuilder out, SurveyReport report) {
        List<StimulusChange> changes = report.stimulusChanges();
        out.append('\n').append("Stimulus: ").append(changes.size())
                .append(" providers rose by ").append(Numbers.ratio(report.riseThreshold()))
                .append(" or more, or logged new event ids").append(changes.isEmpty() ? ".\n" : ":\n");
        if (changes.isEmpty()) {
            return;
        }
        TextTable table = new TextTable(
                List.of("provider", "baseline/s", "stimulus/s", "ratio", "new event ids"),
                List.of(Align.LEFT, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.LEFT));
        for (StimulusChange change : changes) {
            table.add(List.of(change.row().provider(), Numbers.perSecond(change.baselinePerS()),
                    Numbers.perSecond(change.stimulusPerS()), change.ratioLabel(), change.newEventIdsLabel()));
        }
        out.append(table.render());
    }

    /** The reasons with how many providers each, most common first: the names are in the CSV. */
    private static void appendNotSurveyed(StringBuilder out, SurveyReport report) {
        out.append('\n').append("Not surveyed: ").append(report.notSurveyed().size()).append(" of ")
                .append(report.providerCount()).append(" providers:\n");
        TextTable table = new TextTable(List.of("providers", "why"), List.of(Align.RIGHT, Align.LEFT));
        report.notSurveyedReasons().forEach((reason, count) -> table.add(List.of(String.valueOf(count), reason)));
        out.append(table.render());
    }

    private static String topIds(SurveyRow row) {
        List<EventIdCount> ids = row.topEventIds();
        String shown = ids.stream().limit(IDS_SHOWN).map(EventIdCount::toString).collect(Collectors.joining(" "));
        return ids.size() > IDS_SHOWN ? shown + " (+" + (ids.size() - IDS_SHOWN) + " more)" : shown;
    }
}
