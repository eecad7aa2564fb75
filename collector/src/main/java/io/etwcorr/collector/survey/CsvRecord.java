package io.etwcorr.collector.survey;

import java.util.List;

/**
 * One CSV record and the line it starts on (a quoted field may span lines, so records and lines differ).
 */
record CsvRecord(int line, List<String> fields) {

    CsvRecord {
        fields = List.copyOf(fields);
    }
}
