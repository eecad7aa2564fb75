package io.etwcorr.simulator;

import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a simulated corpus: the events as JSON Lines ({@code .gz} suffix: gzip-compressed), and
 * the ground truth beside them as {@code <file>.truth.json}.
 */
public final class CorpusWriter {
    private static final String TRUTH_SUFFIX = ".truth.json";

    private CorpusWriter() {
    }

    /**
     * A step between the fleet and the file, such as the collector's coalescing: it gets every event in
     * the fleet's order and hands what it sends on; {@link #finish} at the end hands on what it still holds.
     */
    public interface Stage extends Consumer<RawEvent> {
        void finish();
    }

    /** Writes the corpus of {@code spec} to {@code events} and its truth file; returns the truth. */
    public static GroundTruth write(FleetSpec spec, Path events) throws IOException {
        return write(spec, events, file -> new Stage() {
            @Override
            public void accept(RawEvent event) {
                file.accept(event);
            }

            @Override
            public void finish() {
            }
        });
    }

    /** As {@link #write(FleetSpec, Path)}, the events passing through the stage {@code before} makes for the file. */
    public static GroundTruth write(FleetSpec spec, Path events, Function<Consumer<RawEvent>, Stage> before)
            throws IOException {
        GroundTruth truth;
        try (Writer out = open(events)) {
            Stage stage = before.apply(event -> {
                try {
                    out.write(RawEventCodec.encodeToString(event));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            truth = FleetSimulator.generate(spec, stage);
            stage.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.writeString(truthFile(events), truth.toJson(), StandardCharsets.UTF_8);
        return truth;
    }

    /** Where the ground truth of the events file {@code events} lives. */
    public static Path truthFile(Path events) {
        return events.resolveSibling(events.getFileName() + TRUTH_SUFFIX);
    }

    /** A buffered UTF-8 writer to {@code file}, gzip-compressed when its name ends in .gz. */
    public static Writer open(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }
}
