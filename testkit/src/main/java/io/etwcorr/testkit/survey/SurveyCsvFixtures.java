package io.etwcorr.testkit.survey;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Provider-survey CSV files as the collector writes them: read by the collector's and the report's tests. */
public final class SurveyCsvFixtures {
    /** 40 providers, 13 of them silent, without a stimulus; some names need quoting or HTML escaping. */
    public static final String BASELINE = "baseline-survey.csv";
    /** 12 providers with a stimulus window; DNS-Client rises 75x, PowerShell only speaks during the stimulus. */
    public static final String STIMULUS = "stimulus-survey.csv";

    private SurveyCsvFixtures() {}

    /** The text of one of the files above. */
    public static String text(String name) {
        try (InputStream in = SurveyCsvFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no survey fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
