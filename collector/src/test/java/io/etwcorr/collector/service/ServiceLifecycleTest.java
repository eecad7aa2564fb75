package io.etwcorr.collector.service;

import static io.etwcorr.collector.service.ServiceLifecycle.ERROR_CALL_NOT_IMPLEMENTED;
import static io.etwcorr.collector.service.ServiceLifecycle.ERROR_SERVICE_SPECIFIC_ERROR;
import static io.etwcorr.collector.service.ServiceLifecycle.NO_ERROR;
import static io.etwcorr.collector.service.ServiceLifecycle.SERVICE_CONTROL_INTERROGATE;
import static io.etwcorr.collector.service.ServiceLifecycle.SERVICE_CONTROL_SHUTDOWN;
import static io.etwcorr.collector.service.ServiceLifecycle.SERVICE_CONTROL_STOP;
import static io.etwcorr.collector.service.ServiceLifecycle.SERVICE_RUNNING;
import static io.etwcorr.collector.service.ServiceLifecycle.SERVICE_START_PENDING;
import static io.etwcorr.collector.service.ServiceLifecycle.SERVICE_STOPPED;
import static io.etwcorr.collector.service.ServiceLifecycle.SERVICE_STOP_PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServiceLifecycleTest {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final StatusReporter reporter = (state, checkPoint, waitHint, exitCode) ->
            events.add("status " + state + " exit " + exitCode);

    private Workload workload(Exception onStart, Exception onStop) {
        return new Workload() {
            @Override
            public void start() throws Exception {
                events.add("start");
                if (onStart != null) {
                    throw onStart;
                }
            }

            @Override
            public void stop() throws Exception {
                events.add("stop (flush)");
                if (onStop != null) {
                    throw onStop;
                }
            }
        };
    }

    private Thread runInBackground(ServiceLifecycle lifecycle) {
        Thread thread = new Thread(lifecycle::run);
        thread.start();
        return thread;
    }

    private void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!events.contains("status " + SERVICE_RUNNING + " exit 0") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void stopFromTheScmStopsAndFlushesTheWorkloadThenReportsStopped() throws Exception {
        ServiceLifecycle lifecycle = new ServiceLifecycle(workload(null, null), reporter);
        Thread service = runInBackground(lifecycle);
        awaitRunning();

        assertThat(lifecycle.control(SERVICE_CONTROL_STOP)).isEqualTo(NO_ERROR);
        service.join(10_000);

        assertThat(service.isAlive()).isFalse();
        assertThat(events).containsExactly(
                "status " + SERVICE_START_PENDING + " exit 0", "start", "status " + SERVICE_RUNNING + " exit 0",
                "status " + SERVICE_STOP_PENDING + " exit 0", "stop (flush)", "status " + SERVICE_STOPPED + " exit 0");
    }

    @Test
    void systemShutdownStopsLikeStopAndARepeatedStopIsHarmless() throws Exception {
        ServiceLifecycle lifecycle = new ServiceLifecycle(workload(null, null), reporter);
        Thread service = runInBackground(lifecycle);
        awaitRunning();

        assertThat(lifecycle.control(SERVICE_CONTROL_SHUTDOWN)).isEqualTo(NO_ERROR);
        assertThat(lifecycle.control(SERVICE_CONTROL_STOP)).isEqualTo(NO_ERROR);
        service.join(10_000);

        assertThat(events).filteredOn("stop (flush)"::equals).hasSize(1);
        assertThat(events).last().isEqualTo("status " + SERVICE_STOPPED + " exit 0");
    }

    @Test
    void interrogateIsAnsweredAndOtherControlsAreRefused() {
        ServiceLifecycle lifecycle = new ServiceLifecycle(workload(null, null), reporter);
        assertThat(lifecycle.control(SERVICE_CONTROL_INTERROGATE)).isEqualTo(NO_ERROR);
        assertThat(lifecycle.control(2 /* pause */)).isEqualTo(ERROR_CALL_NOT_IMPLEMENTED);
    }

    @Test
    void aWorkloadThatCannotStartEndsTheServiceWithAServiceSpecificError() {
        new ServiceLifecycle(workload(new IllegalStateException("no ETW session"), null), reporter).run();
        assertThat(events).containsExactly("status " + SERVICE_START_PENDING + " exit 0", "start",
                "status " + SERVICE_STOPPED + " exit " + ERROR_SERVICE_SPECIFIC_ERROR);
    }

    @Test
    void aFailedFlushIsReportedButTheServiceStillStops() throws Exception {
        ServiceLifecycle lifecycle = new ServiceLifecycle(workload(null, new IllegalStateException("disk full")), reporter);
        Thread service = runInBackground(lifecycle);
        awaitRunning();
        lifecycle.control(SERVICE_CONTROL_STOP);
        service.join(10_000);
        assertThat(events).last().isEqualTo("status " + SERVICE_STOPPED + " exit " + ERROR_SERVICE_SPECIFIC_ERROR);
    }

    @Test
    void theWindowsEntryPointsRefuseToRunElsewhere() {
        org.junit.jupiter.api.Assumptions.assumeFalse(com.sun.jna.Platform.isWindows(), "checks the non-Windows path");
        assertThatThrownBy(() -> WindowsServiceHost.run("etwcorr-collector", workload(null, null)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ServiceInstaller.uninstall("etwcorr-collector"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
