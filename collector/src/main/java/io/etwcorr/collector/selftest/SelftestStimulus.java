package io.etwcorr.collector.selftest;

/** The activity the self-test causes while its session runs; {@link HostStimulus} is the real one. */
@FunctionalInterface
public interface SelftestStimulus {
    StimulusReport perform() throws Exception;
}
