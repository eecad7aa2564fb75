package io.etwcorr.collector.survey;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formats shared by the text and HTML reports; Locale.ROOT so reports read the same everywhere. */
public final class Numbers {

    private Numbers() {
    }

    public static String perSecond(double eventsPerS) {
        return String.format(Locale.ROOT, "%.2f", eventsPerS);
    }

    public static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.1fx", ratio);
    }

    public static String percent(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /** 10 rather than 10.0: window lengths are usually whole seconds. */
    public static String seconds(double seconds) {
        return BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
    }
}
