package io.etwcorr.collector.cli;

import io.etwcorr.collector.survey.SurveyProgress;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * The survey's progress on stderr: on a terminal one line rewritten after every batch; otherwise
 * (a log file, a pipe) nothing until the command's final line, so logs hold no carriage-return noise.
 */
final class ProgressLine implements SurveyProgress {
    private final PrintWriter err;
    private final boolean terminal;

    ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void batchDone(int done, int total, Duration remaining) {
        if (!terminal) {
            return;
        }
        err.print("\rsurvey: " + done + "/" + total + " batches done, about " + human(remaining) + " left ");
        if (done == total) {
            err.println();
        }
        err.flush();
    }

    /** {@code 45 s}, {@code 2 min 6 s}. */
    static String human(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
