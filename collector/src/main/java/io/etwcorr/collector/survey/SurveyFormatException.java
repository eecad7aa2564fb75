package io.etwcorr.collector.survey;

import java.io.IOException;

/** A survey CSV that does not follow the format; the message names the file, the line and the column. */
public final class SurveyFormatException extends IOException {

    private final String source;
    private final int line;

    SurveyFormatException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file name as given in the message. */
    public String source() {
        return source;
    }

    /** The 1-based line where the offending record starts. */
    public int line() {
        return line;
    }
}
