package io.etwcorr.collector.survey;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The survey CSV files under test resources. */
final class SurveyFixtures {
    /** 40 providers, 13 of them silent, without a stimulus; some names need quoting or HTML escaping. */
    static final String BASELINE = "baseline-survey.csv";
    /** 12 providers with a stimulus window; DNS-Client rises 75x, PowerShell only speaks during the stimulus. */
    static final String STIMULUS = "stimulus-survey.csv";

    private SurveyFixtures() {
    }

    static String text(String name) {
        try (InputStream in = SurveyFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SurveyRow> rows(String name) {
        try {
            return SurveyCsv.parse(name, text(name));
        } catch (SurveyFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
