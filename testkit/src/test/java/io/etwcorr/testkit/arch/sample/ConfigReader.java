package io.etwcorr.testkit.arch.sample;

import io.etwcorr.testkit.arch.sample.config.SampleConfig;

/** Reads a config, as operators do. */
public final class ConfigReader {
    public int threshold(SampleConfig config) {
        return config.threshold;
    }
}
