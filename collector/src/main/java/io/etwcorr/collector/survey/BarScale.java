package io.etwcorr.collector.survey;

/**
 * How bar length follows events/s. Provider volumes span several orders of magnitude
 * (kernel providers log thousands per second, most others a few), so on a linear scale
 * all but the loudest bars vanish; LOG is the default.
 */
public enum BarScale {
    LINEAR("linear scale") {
        @Override
        public double fraction(double value, double max) {
            return value / max;
        }
    },
    /** log10(1 + events/s), so that zero stays zero and rates below 1/s still get a bar. */
    LOG("log scale, log10(1 + events/s)") {
        @Override
        public double fraction(double value, double max) {
            return Math.log1p(value) / Math.log1p(max);
        }
    };

    private final String description;

    BarScale(String description) {
        this.description = description;
    }

    /** The bar's share of the full length, 0..1, for a value between 0 and max (max positive). */
    public abstract double fraction(double value, double max);

    public String description() {
        return description;
    }
}
