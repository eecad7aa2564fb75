package io.etwcorr.collector.service;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a Windows service around a {@link Workload}, free of native calls so it is tested
 * everywhere: START_PENDING → (start) → RUNNING until the SCM sends STOP or SHUTDOWN →
 * STOP_PENDING (with check points while the workload flushes) → STOPPED, with a service-specific
 * exit code when the workload failed.
 */
public final class ServiceLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLifecycle.class);

    // winsvc.h
    public static final int SERVICE_STOPPED = 1;
    public static final int SERVICE_START_PENDING = 2;
    public static final int SERVICE_STOP_PENDING = 3;
    public static final int SERVICE_RUNNING = 4;
    public static final int SERVICE_CONTROL_STOP = 1;
    public static final int SERVICE_CONTROL_INTERROGATE = 4;
    public static final int SERVICE_CONTROL_SHUTDOWN = 5;
    public static final int SERVICE_ACCEPT_STOP = 0x1;
    public static final int SERVICE_ACCEPT_SHUTDOWN = 0x4;
    public static final int NO_ERROR = 0;
    public static final int ERROR_CALL_NOT_IMPLEMENTED = 120;
    public static final int ERROR_SERVICE_SPECIFIC_ERROR = 1066;

    /** How long start and stop may take: flushing to Kafka or the spool on stop takes a few seconds. */
    static final int WAIT_HINT_MILLIS = 30_000;

    private final Workload workload;
    private final StatusReporter reporter;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public ServiceLifecycle(Workload workload, StatusReporter reporter) {
        this.workload = workload;
        this.reporter = reporter;
    }

    /** The service's main: returns when the service has stopped. */
    public void run() {
        reporter.report(SERVICE_START_PENDING, 1, WAIT_HINT_MILLIS, NO_ERROR);
        try {
            workload.start();
        } catch (Exception e) {
            LOG.error("the collector did not start", e);
            reporter.report(SERVICE_STOPPED, 0, 0, ERROR_SERVICE_SPECIFIC_ERROR);
            return;
        }
        reporter.report(SERVICE_RUNNING, 0, 0, NO_ERROR);
        awaitStopRequest();
        reporter.report(SERVICE_STOP_PENDING, 1, WAIT_HINT_MILLIS, NO_ERROR);
        int exitCode = NO_ERROR;
        try {
            workload.stop();
        } catch (Exception e) {
            LOG.error("the collector did not stop cleanly", e);
            exitCode = ERROR_SERVICE_SPECIFIC_ERROR;
        }
        reporter.report(SERVICE_STOPPED, 0, 0, exitCode);
    }

    /** The control handler: STOP and SHUTDOWN end the service, INTERROGATE is answered, the rest refused. */
    public int control(int code) {
        return switch (code) {
            case SERVICE_CONTROL_STOP, SERVICE_CONTROL_SHUTDOWN -> {
                stopRequested.countDown();
                yield NO_ERROR;
            }
            case SERVICE_CONTROL_INTERROGATE -> NO_ERROR;
            default -> ERROR_CALL_NOT_IMPLEMENTED;
        };
    }

    private void awaitStopRequest() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop as if asked to
        }
    }
}
