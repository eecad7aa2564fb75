package io.etwcorr.jobs.io.files;

import io.etwcorr.jobs.output.LabeledLine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes labeled lines of a bounded job into part files on the local disk, one per label and
 * subtask ({@code <label>.part-<subtask>}); {@link JsonLinesFiles#merge} turns them into the final
 * files once the job has finished. For the local MiniCluster of {@code analyze} only: it is not a
 * fault-tolerant sink.
 */
public final class JsonLinesPartSink implements Sink<LabeledLine> {
    private static final long serialVersionUID = 1L;

    private final String directory;

    public JsonLinesPartSink(Path directory) {
        this.directory = directory.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<LabeledLine> createWriter(WriterInitContext context) {
        return new PartWriter(Paths.get(directory), context.getTaskInfo().getIndexOfThisSubtask());
    }

    private static final class PartWriter implements SinkWriter<LabeledLine> {
        private final Path directory;
        private final int subtask;
        private final Map<String, BufferedWriter> writers = new HashMap<>();

        PartWriter(Path directory, int subtask) {
            this.directory = directory;
            this.subtask = subtask;
        }

        @Override
        public void write(LabeledLine line, Context context) throws IOException {
            BufferedWriter writer = writers.computeIfAbsent(line.label, this::open);
            writer.write(Long.toString(line.timestamp));
            writer.write('\t');
            writer.write(line.json);
            writer.write('\n');
        }

        private BufferedWriter open(String label) {
            try {
                Files.createDirectories(directory);
                return Files.newBufferedWriter(JsonLinesFiles.part(directory, label, subtask), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            for (BufferedWriter writer : writers.values()) {
                writer.flush();
            }
        }

        @Override
        public void close() throws IOException {
            for (BufferedWriter writer : writers.values()) {
                writer.close();
            }
        }
    }
}
