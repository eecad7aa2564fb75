package io.etwcorr.cli.bench;

/**
 * A target a measured number is reported against (not an assertion).
 *
 * @param text           the goal as the issue states it
 * @param key            the {@link Measurement#key()} it judges
 * @param target         the target value
 * @param higherIsBetter true for rates and ratios, false for latencies
 */
public record Goal(String text, String key, double target, boolean higherIsBetter) {

    /** PASS, SHORT, or NOT MEASURED when the value is NaN. */
    public String verdict(double value) {
        if (Double.isNaN(value)) {
            return "NOT MEASURED";
        }
        boolean met = higherIsBetter ? value >= target : value < target;
        return met ? "PASS" : "SHORT";
    }
}
