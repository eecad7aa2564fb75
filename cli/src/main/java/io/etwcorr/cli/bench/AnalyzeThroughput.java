package io.etwcorr.cli.bench;

import io.etwcorr.cli.AnalyzeCommand;
import io.etwcorr.simulator.CorpusWriter;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.jobs.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code etwcorr analyze} throughput: a simulated corpus written with {@link CorpusWriter}
 * (uncompressed JSONL), then {@link AnalyzeCommand#analyze} timed from the call to its return
 * (MiniCluster start-up, the bounded job at parallelism 2, and the merge of the five files).
 */
public final class AnalyzeThroughput {
    private static final long SEED = 7L;

    /**
     * @param records     raw records the job read (its RECORDS_IN accumulator)
     * @param fileBytes   size of the corpus file
     * @param seconds     wall time of {@code analyze}
     * @param anomalies   lines of anomalies.jsonl
     */
    public record Result(long records, long fileBytes, double seconds, long anomalies) {
        public double recordsPerS() {
            return records / seconds;
        }
    }

    private AnalyzeThroughput() {}

    /** Writes about {@code events} events from {@code hosts} hosts (one with the story implant) and analyzes them. */
    public static Result run(long events, int hosts, Path workDir, Consumer<String> progress) throws Exception {
        double perSecond = BenchKafka.simulatedRate(hosts, SEED);
        long durationS = Math.max(60, (long) Math.ceil(events / perSecond));
        FleetSpec spec = FleetSpec.benign(hosts, SEED, durationS)
                .withImplants(List.of(io.etwcorr.simulator.ImplantSpec.story(0)));
        Path corpus = workDir.resolve("analyze-corpus.jsonl");
        CorpusWriter.write(spec, corpus);
        long fileBytes = Files.size(corpus);
        progress.accept(String.format("analyze: corpus of %d hosts x %d s written (%,d bytes)", hosts, durationS,
                fileBytes));

        Path out = workDir.resolve("analyze-out");
        long started = System.nanoTime();
        AnalyzeCommand.Summary summary = AnalyzeCommand.analyze(List.of(corpus), out,
                ConfigLoader.load(null, List.of("job.parallelism=2")));
        double seconds = (System.nanoTime() - started) / 1e9;
        Result result = new Result(summary.recordsIn(), fileBytes, seconds, summary.lines()[0]);
        progress.accept(String.format("analyze: %,d records in %.1f s = %,.0f records/s (%d anomalies)",
                result.records(), seconds, result.recordsPerS(), result.anomalies()));
        return result;
    }
}
