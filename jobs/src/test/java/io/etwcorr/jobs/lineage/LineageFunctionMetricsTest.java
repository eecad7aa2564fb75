package io.etwcorr.jobs.lineage;

import static io.etwcorr.jobs.lineage.ProcessEvents.NO_PARENT;
import static io.etwcorr.jobs.lineage.ProcessEvents.SECOND;
import static io.etwcorr.jobs.lineage.ProcessEvents.T0;
import static io.etwcorr.jobs.lineage.ProcessEvents.hostTick;
import static io.etwcorr.jobs.lineage.ProcessEvents.start;
import static io.etwcorr.jobs.lineage.ProcessEvents.stop;
import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.OperatorMetrics;
import io.etwcorr.jobs.config.EtwcorrConfig;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code lineageEvictions} metric of {@link LineageFunction}: processes a lineage still needed that the per-host bound dropped. */
class LineageFunctionMetricsTest {
    private final OperatorMetrics metrics = new OperatorMetrics();
    private MockEnvironment environment;
    private LineageHarness harness;

    @BeforeEach
    void open() throws Exception {
        environment = metrics.environment();
        EtwcorrConfig.Lineage config = new EtwcorrConfig.Lineage();
        config.maxProcessesPerHost = 2;
        harness = new LineageHarness(new LineageFunction(config, LineageFunctionTest.HEALTH_INTERVAL_SECONDS), environment);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        environment.close();
    }

    @Test
    void countsWhatTheBoundEvictsButNotWhatRetentionDrops() throws Exception {
        harness.processElement1(start(T0, 3000, 100, "explorer.exe", 2900, NO_PARENT));
        harness.processElement1(start(T0 + 1, 5001, 301, "a.exe", 3000, 100));
        harness.processElement1(stop(T0 + 2, 5001, 301, "a.exe"));
        harness.processElement1(hostTick(T0 + 25L * 3600 * SECOND));
        assertThat(metrics.count("lineageEvictions")).as("a.exe left by retention").isZero();

        harness.processElement1(start(T0 + 26L * 3600 * SECOND, 5002, 302, "b.exe", 3000, 100));
        harness.processElement1(start(T0 + 26L * 3600 * SECOND + 1, 5003, 303, "c.exe", 3000, 100));
        harness.processElement1(hostTick(T0 + 26L * 3600 * SECOND + 2));
        assertThat(metrics.count("lineageEvictions")).as("three running processes, room for two").isEqualTo(1);
    }
}
