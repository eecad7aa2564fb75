package io.etwcorr.jobs.lineage;

import static io.etwcorr.jobs.lineage.ProcessEvents.SECOND;
import static io.etwcorr.jobs.lineage.ProcessEvents.T0;
import static io.etwcorr.jobs.lineage.ProcessEvents.candidate;
import static io.etwcorr.jobs.lineage.ProcessEvents.hostTick;
import static io.etwcorr.jobs.lineage.ProcessEvents.rundown;
import static io.etwcorr.jobs.lineage.ProcessEvents.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.OperatorMetrics;
import io.etwcorr.jobs.config.EtwcorrConfig;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code alerts} metric of {@link LineageFunction}: one per alert written, none for a waiting candidate. */
class LineageFunctionMetricsTest {
    private static final long FIRST_CALLBACK = T0 + 10 * SECOND;
    private static final long LAST_CALLBACK = T0 + 100 * SECOND;

    private final OperatorMetrics metrics = new OperatorMetrics();
    private MockEnvironment environment;
    private LineageHarness harness;

    @BeforeEach
    void open() throws Exception {
        environment = metrics.environment();
        harness = new LineageHarness(new LineageFunction(new EtwcorrConfig.Lineage()), environment);
        harness.open();
        harness.processElement1(rundown(T0, 3000, 100, "explorer.exe", 2900, 90));
        harness.processElement1(start(T0 + 1, 7312, 400, "rundll32.exe", 3000, 100));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        environment.close();
    }

    @Test
    void countsEachAlertWhenItIsWritten() throws Exception {
        harness.processElement2(candidate(7312, 400, FIRST_CALLBACK, LAST_CALLBACK));
        assertThat(metrics.count("alerts")).as("waits for the host's watermark").isZero();

        harness.processElement1(hostTick(LAST_CALLBACK));
        assertThat(metrics.count("alerts")).isEqualTo(1);

        harness.processElement2(candidate(7312, 400, FIRST_CALLBACK + SECOND, LAST_CALLBACK));
        assertThat(metrics.count("alerts")).as("due at once").isEqualTo(2);
        assertThat(harness.extractOutputValues()).hasSize(2);
    }
}
