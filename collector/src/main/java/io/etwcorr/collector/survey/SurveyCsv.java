package io.etwcorr.collector.survey;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and writes survey CSV files (docs/SURVEY.md describes the columns).
 * Reading is strict: the survey report is only as good as its input, so every
 * deviation is an error naming the line and the column.
 */
public final class SurveyCsv {

    static final List<String> HEADER = List.of(
            "provider", "guid", "window_s", "events", "events_per_s", "top_event_ids", "keywords",
            "stimulus_events", "stimulus_events_per_s", "stimulus_new_event_ids", "not_surveyed");
    /** Surveys written before the not_surveyed column still read: their header stops before it. */
    private static final int COLUMNS_WITHOUT_NOT_SURVEYED = HEADER.size() - 1;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern KEYWORD = Pattern.compile("0x[0-9a-fA-F]{1,16}");
    private static final String LIST_SEPARATOR = ";";

    private SurveyCsv() {
    }

    public static void write(Path file, List<SurveyRow> rows) throws IOException {
        Files.writeString(file, format(rows), StandardCharsets.UTF_8);
    }

    static String format(List<SurveyRow> rows) {
        StringBuilder out = new StringBuilder(Csv.formatRecord(HEADER)).append(Csv.RECORD_SEPARATOR);
        for (SurveyRow row : rows) {
            out.append(Csv.formatRecord(fields(row))).append(Csv.RECORD_SEPARATOR);
        }
        return out.toString();
    }

    private static List<String> fields(SurveyRow row) {
        List<String> fields = new ArrayList<>(List.of(
                row.provider(),
                row.guid(),
                decimal(row.windowS()),
                Long.toString(row.events()),
                decimal(row.eventsPerS()),
                String.join(LIST_SEPARATOR, row.topEventIds().stream().map(EventIdCount::toString).toList()),
                String.join(LIST_SEPARATOR, row.keywords().stream().map(k -> "0x" + Long.toHexString(k)).toList())));
        if (row.hasStimulus()) {
            StimulusWindow stimulus = row.stimulus();
            fields.add(Long.toString(stimulus.events()));
            fields.add(decimal(stimulus.eventsPerS()));
            fields.add(String.join(LIST_SEPARATOR, stimulus.newEventIds().stream().map(String::valueOf).toList()));
        } else {
            fields.addAll(List.of("", "", ""));
        }
        fields.add(row.isSurveyed() ? "" : row.notSurveyed());
        return fields;
    }

    /** Plain decimal notation (never 1.0E-4), and the shortest that reads back to the same double. */
    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    public static List<SurveyRow> read(Path file) throws IOException {
        String source = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            // Windows PowerShell 5 redirects output as UTF-16, the likeliest way a survey gets here re-encoded.
            throw new SurveyFormatException(source, 1, "not UTF-8 text; UTF-16 files (Windows PowerShell's > redirect) must be converted first");
        }
        return parse(source, text);
    }

    public static List<SurveyRow> parse(String source, String text) throws SurveyFormatException {
        // Spreadsheet programs on Windows save a byte order mark.
        List<CsvRecord> records = Csv.parse(source, text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (records.isEmpty()) {
            throw new SurveyFormatException(source, 1, "empty file, expected the header " + Csv.formatRecord(HEADER));
        }
        int columns = checkHeader(source, records.get(0));
        List<SurveyRow> rows = new ArrayList<>();
        for (CsvRecord record : records.subList(1, records.size())) {
            SurveyRow row = new RowReader(source, record, columns).read();
            if (!rows.isEmpty() && rows.get(0).hasStimulus() != row.hasStimulus()) {
                throw new SurveyFormatException(source, record.line(), "stimulus_events is "
                        + (row.hasStimulus() ? "set" : "empty") + " but the first row's is "
                        + (row.hasStimulus() ? "empty" : "set") + "; a survey either had a stimulus or not");
            }
            rows.add(row);
        }
        return rows;
    }

    /** @return the number of columns of the file's records */
    private static int checkHeader(String source, CsvRecord header) throws SurveyFormatException {
        int columns = header.fields().size() == COLUMNS_WITHOUT_NOT_SURVEYED ? COLUMNS_WITHOUT_NOT_SURVEYED : HEADER.size();
        for (int i = 0; i < columns; i++) {
            String found = i < header.fields().size() ? header.fields().get(i) : null;
            if (!HEADER.get(i).equals(found)) {
                throw new SurveyFormatException(source, header.line(), "header column " + (i + 1) + " must be \""
                        + HEADER.get(i) + "\", got " + (found == null ? "nothing" : "\"" + found + "\""));
            }
        }
        if (header.fields().size() > HEADER.size()) {
            throw new SurveyFormatException(source, header.line(), "header has " + header.fields().size()
                    + " columns, expected " + HEADER.size() + " (extra \"" + header.fields().get(HEADER.size()) + "\")");
        }
        return columns;
    }

    /**
     * Parses one data record. Syntax errors are found here; what the values mean is checked by
     * the records' constructors, whose messages name the column.
     */
    private static final class RowReader {
        private final String source;
        private final CsvRecord record;
        private final int columns;

        RowReader(String source, CsvRecord record, int columns) {
            this.source = source;
            this.record = record;
            this.columns = columns;
        }

        SurveyRow read() throws SurveyFormatException {
            if (record.fields().size() != columns) {
                throw error("expected " + columns + " columns, got " + record.fields().size());
            }
            try {
                String notSurveyed = field("not_surveyed");
                return new SurveyRow(field("provider"), field("guid"), decimal("window_s"), wholeNumber("events"),
                        decimal("events_per_s"), topEventIds(), keywords(), stimulus(),
                        notSurveyed.isEmpty() ? null : notSurveyed);
            } catch (IllegalArgumentException invalid) {
                throw error(invalid.getMessage());
            }
        }

        private List<EventIdCount> topEventIds() throws SurveyFormatException {
            List<EventIdCount> counts = new ArrayList<>();
            for (String pair : list("top_event_ids")) {
                String[] idAndCount = pair.split(":", -1);
                if (idAndCount.length != 2 || !WHOLE_NUMBER.matcher(idAndCount[0]).matches()
                        || !WHOLE_NUMBER.matcher(idAndCount[1]).matches()) {
                    throw error("top_event_ids must be id:count pairs separated by ';', got \"" + pair + "\"");
                }
                long id = parseLong("top_event_ids", idAndCount[0]);
                long count = parseLong("top_event_ids", idAndCount[1]);
                if (id > EventIdCount.MAX_ID || count == 0) {
                    throw error("top_event_ids needs ids 0.." + EventIdCount.MAX_ID + " with a count of at least 1, got \"" + pair + "\"");
                }
                counts.add(new EventIdCount((int) id, count));
            }
            return counts;
        }

        private List<Long> keywords() throws SurveyFormatException {
            List<Long> keywords = new ArrayList<>();
            for (String keyword : list("keywords")) {
                if (!KEYWORD.matcher(keyword).matches()) {
                    throw error("keywords must be hex masks like 0x10 separated by ';', got \"" + keyword + "\"");
                }
                keywords.add(Long.parseUnsignedLong(keyword.substring(2), 16));
            }
            return keywords;
        }

        private StimulusWindow stimulus() throws SurveyFormatException {
            boolean hasEvents = !field("stimulus_events").isEmpty();
            boolean hasRate = !field("stimulus_events_per_s").isEmpty();
            if (!hasEvents && !hasRate) {
                if (!field("stimulus_new_event_ids").isEmpty()) {
                    throw error("stimulus_new_event_ids is set but stimulus_events is empty");
                }
                return null;
            }
            if (hasEvents != hasRate) {
                throw error((hasEvents ? "stimulus_events_per_s" : "stimulus_events")
                        + " must be set when " + (hasEvents ? "stimulus_events" : "stimulus_events_per_s") + " is");
            }
            List<Integer> newIds = new ArrayList<>();
            for (String id : list("stimulus_new_event_ids")) {
                if (!WHOLE_NUMBER.matcher(id).matches() || parseLong("stimulus_new_event_ids", id) > EventIdCount.MAX_ID) {
                    throw error("stimulus_new_event_ids must be event ids 0.." + EventIdCount.MAX_ID
                            + " separated by ';', got \"" + id + "\"");
                }
                newIds.add(Integer.parseInt(id));
            }
            return new StimulusWindow(wholeNumber("stimulus_events"), decimal("stimulus_events_per_s"), newIds);
        }

        /** The column's value; empty for a column the file's header does not have. */
        private String field(String column) {
            int index = HEADER.indexOf(column);
            return index < columns ? record.fields().get(index) : "";
        }

        private List<String> list(String column) {
            String value = field(column);
            return value.isEmpty() ? List.of() : List.of(value.split(LIST_SEPARATOR, -1));
        }

        private long wholeNumber(String column) throws SurveyFormatException {
            String value = field(column);
            if (!WHOLE_NUMBER.matcher(value).matches()) {
                throw error(column + " must be a whole number, got \"" + value + "\"");
            }
            return parseLong(column, value);
        }

        private double decimal(String column) throws SurveyFormatException {
            String value = field(column);
            if (!DECIMAL.matcher(value).matches()) {
                throw error(column + " must be a decimal number like 12.5, got \"" + value + "\"");
            }
            return Double.parseDouble(value);
        }

        private long parseLong(String column, String digits) throws SurveyFormatException {
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException tooLarge) {
                throw error(column + " is out of range, got \"" + digits + "\"");
            }
        }

        private SurveyFormatException error(String problem) {
            return new SurveyFormatException(source, record.line(), problem);
        }
    }
}
