package io.etwcorr.cli;

import io.etwcorr.jobs.CorrelationPipeline;
import io.etwcorr.jobs.KafkaCorrelationJob;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.ConfigOptions;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.normalize.ParseAndNormalize;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.jobs.model.RawRecord;
import io.etwcorr.jobs.io.files.JsonLinesFiles;
import io.etwcorr.jobs.io.files.JsonLinesPartSink;
import io.etwcorr.jobs.output.LabeledLine;
import io.etwcorr.jobs.io.files.RawLineFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code etwcorr analyze} (docs/contract/outputs.md, "Offline entry point"): the production job graph
 * over raw-event files in a local MiniCluster, bounded, to completion, into five JSONL files. Each
 * file is sorted by event time and then by content, so the same input gives the same files.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Run the correlation job graph over raw-event files (JSONL, optionally .gz) into DIR.")
public final class AnalyzeCommand implements Callable<Integer> {
    /** The output files, in the order the summary names them. */
    public static final List<String> FILES = List.of(
            "anomalies.jsonl", "connections.jsonl", "flows.jsonl", "health.jsonl", "deadletter.jsonl");

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Raw-event file (repeatable).")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        for (Path input : inputs) {
            if (!Files.isReadable(input) || Files.isDirectory(input)) {
                throw new ParameterException(spec.commandLine(), "cannot read input file " + input);
            }
        }
        long started = System.nanoTime();
        Summary summary = analyze(inputs, out, config.load());
        double seconds = (System.nanoTime() - started) / 1e9;
        spec.commandLine().getOut().println(summary.describe(out, seconds));
        return 0;
    }

    /** How many raw records went in and how many lines each of {@link #FILES} got. */
    public record Summary(long recordsIn, long[] lines) {
        String describe(Path out, double seconds) {
            StringBuilder text = new StringBuilder("analyze: ").append(recordsIn).append(" records in");
            for (int i = 0; i < FILES.size(); i++) {
                String file = FILES.get(i);
                text.append(", ").append(lines[i]).append(' ').append(file, 0, file.indexOf('.'));
            }
            return text.append(String.format(" -> %s (%.1f s, %.0f records/s)", out, seconds, recordsIn / seconds))
                    .toString();
        }
    }

    /** Runs the job graph over {@code inputs} and writes the five files into {@code out}. */
    public static Summary analyze(List<Path> inputs, Path out, EtwcorrConfig loaded) throws Exception {
        // Bounded: alerts must not depend on arrival order. A derived copy: the caller's config stays as loaded.
        EtwcorrConfig config = ConfigLoader.derive(loaded, List.of("beacon.decideAtEndOfInput=true"));
        Configuration flink = KafkaCorrelationJob.flinkConfiguration();
        // Bounded and without checkpoints, a restart would read the files again: a failure must fail the run.
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.job.parallelism, flink);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);

        DataStream<RawRecord> raw = null;
        for (Path input : inputs) {
            String name = input.getFileName().toString();
            FileSource<RawRecord> source = FileSource
                    .forRecordStreamFormat(new RawLineFormat(name), new org.apache.flink.core.fs.Path(input.toUri()))
                    .build();
            DataStream<RawRecord> file = env.fromSource(source, WatermarkStrategy.noWatermarks(), name);
            raw = raw == null ? file : raw.union(file);
        }

        CorrelationPipeline.Outputs outputs = CorrelationPipeline.build(raw, config);
        Path parts = out.resolve(".parts");
        label(outputs.anomalies(), "anomalies.jsonl")
                .union(label(outputs.connections(), "connections.jsonl"),
                        label(outputs.flows(), "flows.jsonl"),
                        label(outputs.health(), "health.jsonl"),
                        label(outputs.deadletter(), "deadletter.jsonl"))
                .sinkTo(new JsonLinesPartSink(parts)).name("JSONL files");

        JobExecutionResult result = env.execute("etwcorr analyze");
        long[] lines = JsonLinesFiles.merge(parts, out, FILES);
        Files.deleteIfExists(parts);
        Long recordsIn = result.getAccumulatorResult(ParseAndNormalize.RECORDS_IN);
        return new Summary(recordsIn == null ? 0 : recordsIn, lines);
    }

    private static DataStream<LabeledLine> label(DataStream<OutputRecord> stream, String file) {
        return stream.map(record -> new LabeledLine(file, record.timestamp, record.json))
                .returns(LabeledLine.class).name("to " + file);
    }
}
