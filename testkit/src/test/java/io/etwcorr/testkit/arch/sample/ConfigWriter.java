package io.etwcorr.testkit.arch.sample;

import io.etwcorr.testkit.arch.sample.config.SampleConfig;

/** Changes a loaded config, as AnalyzeCommand used to. */
public final class ConfigWriter {
    public void raise(SampleConfig config) {
        config.threshold = 2;
    }
}
