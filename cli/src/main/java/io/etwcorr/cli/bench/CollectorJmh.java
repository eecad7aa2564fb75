package io.etwcorr.cli.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The collector's JMH benchmarks ({@link CollectorPathBenchmark}) in a forked JVM: decode + JSON
 * encode of EVENT_RECORDs laid out in native memory, and the jobs' parse of that JSON, one thread
 * each. Per core = operations per second of the fork's CPU time ({@link CpuTimeProfiler}), which
 * holds on shared cores where the wall-clock rate only says how much of a core the fork got.
 */
final class CollectorJmh {
    /** The same run from a shell, after a build: what the report quotes. */
    static final String COMMAND = "java -cp 'cli/target/etwcorr-cli.jar:cli/target/lib/*' org.openjdk.jmh.Main CollectorPathBenchmark "
            + "-prof " + CpuTimeProfiler.class.getName();

    /** Events per CPU-second of each benchmark, and the JMH settings they were measured with. */
    record Result(double kernelNetworkPerS, double dnsClientPerS, double parseRawJsonPerS, double parseAndNormalizePerS,
            String settings) {
    }

    private CollectorJmh() {}

    static Result run(boolean quick, Consumer<String> progress) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(CollectorPathBenchmark.class.getName() + "\\.")
                .addProfiler(CpuTimeProfiler.class)
                .verbosity(VerboseMode.SILENT);
        String settings = "1 fork, 3 warm-up iterations of 2 s, 5 measured iterations of 2 s";
        if (quick) {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
            settings = "1 fork, 2 warm-up iterations of 1 s, 3 measured iterations of 1 s";
        }
        progress.accept("collector JMH: " + settings);
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            scores.put(name, result.getSecondaryResults().get(CpuTimeProfiler.RESULT).getScore());
            progress.accept(String.format("collector JMH: %s %,.0f events/s wall clock", name,
                    result.getPrimaryResult().getScore()));
        }
        Result result = new Result(scores.getOrDefault("kernelNetwork", Double.NaN),
                scores.getOrDefault("dnsClient", Double.NaN), scores.getOrDefault("parseRawJson", Double.NaN),
                scores.getOrDefault("parseAndNormalize", Double.NaN), settings);
        progress.accept(String.format("collector JMH: Kernel-Network %,.0f, DNS-Client %,.0f, raw JSON parse %,.0f, "
                + "the job's parse and normalize %,.0f events per CPU-second", result.kernelNetworkPerS(),
                result.dnsClientPerS(), result.parseRawJsonPerS(), result.parseAndNormalizePerS()));
        return result;
    }
}
