package io.etwcorr.collector.survey;

import java.time.Duration;

/** Told after every batch, so a console can show how far the survey is. */
@FunctionalInterface
public interface SurveyProgress {
    void batchDone(int done, int total, Duration remaining);
}
