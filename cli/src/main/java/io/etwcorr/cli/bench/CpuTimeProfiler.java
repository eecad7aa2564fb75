package io.etwcorr.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Operations per second of CPU time the benchmark JVM used in an iteration. On a machine whose cores
 * are shared with other work, wall-clock throughput says how much of a core the benchmark got; this
 * says what one core does. It counts the JIT and GC threads too, so it errs low.
 * Use with {@code -prof io.etwcorr.cli.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    /** The secondary result's name, after the benchmark's. */
    public static final String RESULT = "ops.per.cpu.s";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuNanosBefore;

    @Override
    public String getDescription() {
        return "operations per second of process CPU time";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuNanosBefore = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        double cpuSeconds = (os.getProcessCpuTime() - cpuNanosBefore) / 1e9;
        double ops = result.getMetadata().getMeasuredOps();
        return List.of(new ScalarResult(RESULT, cpuSeconds > 0 ? ops / cpuSeconds : Double.NaN, "ops/cpu-s",
                AggregationPolicy.AVG));
    }
}
