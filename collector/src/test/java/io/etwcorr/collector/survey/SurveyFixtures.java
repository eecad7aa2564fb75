package io.etwcorr.collector.survey;

import io.etwcorr.testkit.survey.SurveyCsvFixtures;
import java.util.List;

/** The survey CSV fixtures of the test kit, parsed. */
public final class SurveyFixtures {
    static final String BASELINE = SurveyCsvFixtures.BASELINE;
    static final String STIMULUS = SurveyCsvFixtures.STIMULUS;

    private SurveyFixtures() {
    }

    static String text(String name) {
        return SurveyCsvFixtures.text(name);
    }

    /** The rows of one fixture file. */
    public static List<SurveyRow> rows(String name) {
        try {
            return SurveyCsv.parse(name, text(name));
        } catch (SurveyFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
