package io.etwcorr.collector.service;

/** Tells the Service Control Manager where the service is (SetServiceStatus on Windows). */
public interface StatusReporter {
    /**
     * @param state one of the {@code SERVICE_*} states of {@link ServiceLifecycle}
     * @param checkPoint progress of a pending state, 0 otherwise
     * @param waitHintMillis how long the pending state may take before the SCM gives up
     * @param exitCode 0, or {@link ServiceLifecycle#ERROR_SERVICE_SPECIFIC_ERROR} when the workload failed
     */
    void report(int state, int checkPoint, int waitHintMillis, int exitCode);
}
