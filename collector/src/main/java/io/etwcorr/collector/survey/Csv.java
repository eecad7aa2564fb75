package io.etwcorr.collector.survey;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: comma separated, fields quoted with '"' and quotes inside doubled, CRLF between records. */
final class Csv {

    static final String RECORD_SEPARATOR = "\r\n";

    private Csv() {
    }

    /** One record's line, without the separator; a field is quoted only when it has to be. */
    static String formatRecord(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoteIfNeeded(fields.get(i)));
        }
        return out.toString();
    }

    private static String quoteIfNeeded(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /**
     * Splits text into records. Accepts LF as well as CRLF, since files get edited on Linux;
     * a final line break does not start an empty record.
     */
    static List<CsvRecord> parse(String source, String text) throws SurveyFormatException {
        List<CsvRecord> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean afterClosingQuote = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                    afterClosingQuote = true;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterClosingQuote = false;
            } else if (c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
                fields.add(field.toString());
                records.add(new CsvRecord(recordLine, fields));
                fields = new ArrayList<>();
                field.setLength(0);
                afterClosingQuote = false;
                i += c == '\r' ? 1 : 0;
                line++;
                recordLine = line;
            } else if (afterClosingQuote) {
                throw new SurveyFormatException(source, line, "field " + (fields.size() + 1) + ": text after a closing quote");
            } else if (c == '"') {
                if (field.length() > 0) {
                    throw new SurveyFormatException(source, line, "field " + (fields.size() + 1) + ": a quote inside an unquoted field");
                }
                quoted = true;
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new SurveyFormatException(source, recordLine, "field " + (fields.size() + 1) + ": the quote is never closed");
        }
        if (!fields.isEmpty() || field.length() > 0 || afterClosingQuote) {
            fields.add(field.toString());
            records.add(new CsvRecord(recordLine, fields));
        }
        return records;
    }
}
