package io.etwcorr.testkit.arch.sample.config;

/** A config class for {@code ModuleBoundariesTest}. */
public final class SampleConfig {
    public int threshold = 1;
}
