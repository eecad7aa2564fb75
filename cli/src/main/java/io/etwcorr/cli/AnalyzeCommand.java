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
import io.etwcorr.jobs.config.InputFormat;
import io.etwcorr.jobs.io.files.InputFiles;
import io.etwcorr.jobs.io.files.SysmonXmlFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
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
        description = "Run the correlation job graph over raw-event files (JSONL, optionally .gz) or Sysmon exports"
                + " (Winlogbeat JSON, event-log XML or JSON) into DIR.")
public final class AnalyzeCommand implements Callable<Integer> {
    /** The output files, in the order the summary names them. */
    public static final List<String> FILES = List.of(
            "anomalies.jsonl", "connections.jsonl", "flows.jsonl", "health.jsonl", "deadletter.jsonl");
    private static final String DEADLETTER = "deadletter.jsonl";

    /** Exit code of a run that finished but could not read all of its input (a gzip file cut short). */
    public static final int EXIT_INPUT_TRUNCATED = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Raw-event file (repeatable).")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory: new or empty (created when missing).")
    Path out;

    @Option(names = "--force", description = "Replace analyze's files in a non-empty --out DIR (never an input file).")
    boolean force;

    @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "raw (the ETW collector's raw events), sysmon (Winlogbeat JSON, the event log's XML or JSON)"
                    + " or auto (told from each file's first record; default).")
    String inputFormat;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        EtwcorrConfig configured = config.load();
        Path scratch = Files.createTempDirectory("etwcorr-analyze");
        try {
            // the inputs first, then --out (created by its check): a refused run leaves nothing behind
            AnalyzeInputs checked = AnalyzeInputs.check(inputs, scratch);
            EtwcorrConfig loaded = ConfigLoader.derive(configured,
                    List.of("input.format=" + inputFormat(configured.input.format)));
            AnalyzeInputs.checkOutput(out, inputs, FILES, force);
            long started = System.nanoTime();
            Summary summary = analyzeSources(checked.sources(), out, loaded);
            List<String> truncations = checked.truncationDeadLetters();
            if (!truncations.isEmpty()) {
                Files.write(out.resolve(DEADLETTER), truncations, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                summary.lines()[FILES.indexOf(DEADLETTER)] += truncations.size();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            PrintWriter console = spec.commandLine().getOut();
            console.println(summary.describe(out, seconds));
            if (truncations.isEmpty()) {
                return 0;
            }
            console.printf("analyze: %d input file(s) ended early (truncated gzip): their complete lines were analyzed, "
                    + "the rest is a dead letter of type %s in %s; exit code %d%n", truncations.size(),
                    AnalyzeInputs.TRUNCATED, out.resolve(DEADLETTER), EXIT_INPUT_TRUNCATED);
            return EXIT_INPUT_TRUNCATED;
        } finally {
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * The format the files hold: the one asked for, or with {@code auto} the one their first records
     * show (the configured one for empty files). A file of another format is an error that says which
     * format it is; analyze reads one format per run.
     */
    private InputFormat inputFormat(InputFormat configured) throws IOException {
        InputFormat requested = inputFormat.equalsIgnoreCase("auto") ? null : parse(inputFormat);
        InputFormat found = null;
        Path foundIn = null;
        for (Path input : inputs) {
            InputFormat format;
            try {
                format = InputFiles.detect(input);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (format == null) {
                continue;
            }
            if (requested != null && format != requested) {
                throw new ParameterException(spec.commandLine(), input + " holds " + describe(format) + ", not "
                        + describe(requested) + ": run with --input-format " + format + " (or auto)");
            }
            if (found != null && format != found) {
                throw new ParameterException(spec.commandLine(), "the inputs mix " + describe(found) + " (" + foundIn
                        + ") and " + describe(format) + " (" + input + "): analyze reads one format per run");
            }
            found = format;
            foundIn = input;
        }
        return requested != null ? requested : found != null ? found : configured;
    }

    private InputFormat parse(String name) {
        try {
            return InputFormat.of(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + " or auto");
        }
    }

    private static String describe(InputFormat format) {
        return format == InputFormat.RAW ? "raw events (docs/contract/raw-events.md)"
                : "Sysmon events (Winlogbeat JSON, the event log's XML or JSON)";
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

    /**
     * Runs the job graph over {@code inputs} and writes the five files into {@code out}; the files hold
     * {@code input.format} (event-log XML is read one {@code <Event>} at a time).
     */
    public static Summary analyze(List<Path> inputs, Path out, EtwcorrConfig loaded) throws Exception {
        return analyzeSources(inputs.stream().map(input -> new AnalyzeInputs.Source(input, input.getFileName().toString())).toList(),
                out, loaded);
    }

    private static Summary analyzeSources(List<AnalyzeInputs.Source> inputs, Path out, EtwcorrConfig loaded)
            throws Exception {
        // Bounded: alerts must not depend on arrival order. A derived copy: the caller's config stays as loaded.
        EtwcorrConfig config = ConfigLoader.derive(loaded, List.of("beacon.decideAtEndOfInput=true"));
        Configuration flink = KafkaCorrelationJob.flinkConfiguration();
        // Bounded and without checkpoints, a restart would read the files again: a failure must fail the run.
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.job.parallelism, flink);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);

        DataStream<RawRecord> raw = null;
        for (AnalyzeInputs.Source input : inputs) {
            String name = input.name();
            SimpleStreamFormat<RawRecord> format = config.input.format == InputFormat.SYSMON && InputFiles.isXml(input.path())
                    ? new SysmonXmlFormat(name) : new RawLineFormat(name);
            FileSource<RawRecord> source = FileSource
                    .forRecordStreamFormat(format, new org.apache.flink.core.fs.Path(input.path().toUri()))
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
