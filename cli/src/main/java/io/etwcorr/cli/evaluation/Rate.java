package io.etwcorr.cli.evaluation;

import java.util.Collection;
import java.util.Locale;
import java.util.function.Predicate;

/** {@code hits} of {@code total}, shown as {@code 0.97 (31/32)}. */
public record Rate(long hits, long total) {

    public static <T> Rate of(Collection<T> items, Predicate<T> hit) {
        return new Rate(items.stream().filter(hit).count(), items.size());
    }

    public double value() {
        return total == 0 ? Double.NaN : (double) hits / total;
    }

    public boolean atLeast(double target) {
        return total > 0 && value() >= target;
    }

    @Override
    public String toString() {
        return total == 0 ? "– (0 cells)" : String.format(Locale.ROOT, "%.2f (%d/%d)", value(), hits, total);
    }
}
