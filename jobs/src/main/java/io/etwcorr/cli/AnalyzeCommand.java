package io.etwcorr.cli;

import io.etwcorr.jobs.CorrelationPipeline;
import io.etwcorr.jobs.KafkaCorrelationJob;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.functions.ParseAndNormalize;
import io.etwcorr.jobs.model.OutputRecord;
import io.etwcorr.jobs.model.RawRecord;
import io.etwcorr.jobs.sources.RawLineFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code etwcorr analyze} (contract/outputs.md, "Offline entry point"): the production job graph
 * over raw-event files in a local MiniCluster, bounded, to completion, into five JSONL files. Each
 * file is sorted by event time and then by content, so the same input gives the same files.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Run the correlation job graph over raw-event files (JSONL, optionally .gz) into DIR.")
public final class AnalyzeCommand implements Callable<Integer> {
    /** The output files, in the order the summary names them. */
    static final List<String> FILES = List.of(
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
        EtwcorrConfig loaded = config.load();
        long started = System.nanoTime();
        Result result = run(inputs, loaded);
        write(result.lines(), out);
        double seconds = (System.nanoTime() - started) / 1e9;
        spec.commandLine().getOut().println(summary(result, seconds));
        return 0;
    }

    /** What a run produced: the lines per output file, and how many raw records went in. */
    record Result(Map<String, List<AnalyzeLine>> lines, long recordsIn) {
    }

    static Result run(List<Path> inputs, EtwcorrConfig config) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(config.job.parallelism, KafkaCorrelationJob.flinkConfiguration());
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
        DataStream<AnalyzeLine> all = label(outputs.connections(), "connections.jsonl")
                .union(label(outputs.flows(), "flows.jsonl"),
                        label(outputs.health(), "health.jsonl"),
                        label(outputs.deadletter(), "deadletter.jsonl"));

        Map<String, List<AnalyzeLine>> lines = new LinkedHashMap<>();
        FILES.forEach(file -> lines.put(file, new ArrayList<>()));
        try (CloseableIterator<AnalyzeLine> collected = all.collectAsync()) {
            JobClient job = env.executeAsync("etwcorr analyze");
            collected.forEachRemaining(line -> lines.get(line.file).add(line));
            JobExecutionResult done = job.getJobExecutionResult().get();
            Long recordsIn = done.getAccumulatorResult(ParseAndNormalize.RECORDS_IN);
            return new Result(lines, recordsIn == null ? 0 : recordsIn);
        }
    }

    private static DataStream<AnalyzeLine> label(DataStream<OutputRecord> stream, String file) {
        return stream.map(record -> new AnalyzeLine(file, record.timestamp, record.json))
                .returns(AnalyzeLine.class).name("to " + file);
    }

    static void write(Map<String, List<AnalyzeLine>> lines, Path dir) throws IOException {
        Files.createDirectories(dir);
        Comparator<AnalyzeLine> order = Comparator.comparingLong((AnalyzeLine l) -> l.timestamp)
                .thenComparing(l -> l.json);
        for (Map.Entry<String, List<AnalyzeLine>> file : lines.entrySet()) {
            List<AnalyzeLine> sorted = new ArrayList<>(file.getValue());
            sorted.sort(order);
            try (BufferedWriter writer = Files.newBufferedWriter(dir.resolve(file.getKey()), StandardCharsets.UTF_8)) {
                for (AnalyzeLine line : sorted) {
                    writer.write(line.json);
                    writer.write('\n');
                }
            }
        }
    }

    private String summary(Result result, double seconds) {
        StringBuilder text = new StringBuilder("analyze: ").append(result.recordsIn()).append(" records in");
        for (String file : FILES) {
            text.append(", ").append(result.lines().get(file).size()).append(' ')
                    .append(file.substring(0, file.indexOf('.')));
        }
        text.append(String.format(" -> %s (%.1f s, %.0f records/s)", out, seconds, result.recordsIn() / seconds));
        return text.toString();
    }

    /** One output line on its way to its file. A Flink POJO. */
    public static final class AnalyzeLine {
        public String file;
        public long timestamp;
        public String json;

        public AnalyzeLine() {}

        AnalyzeLine(String file, long timestamp, String json) {
            this.file = file;
            this.timestamp = timestamp;
            this.json = json;
        }
    }
}
