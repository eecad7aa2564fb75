package io.etwcorr.collector.delivery;

import io.etwcorr.collector.etw.RawRecordJson;
import io.etwcorr.schemas.raw.RawEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes records as raw-event JSON Lines (gzip when the name ends in {@code .gz}), the input of
 * {@code etwcorr analyze}. One writer thread (the consumer's sender) calls it.
 */
public final class JsonLinesFileSink implements EventSink {
    private final Path file;
    private final OutputStream out;
    private long written;

    private JsonLinesFileSink(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Creates (or replaces) {@code file}. */
    public static JsonLinesFileSink create(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new JsonLinesFileSink(file, out);
    }

    /** @throws UncheckedIOException when the file cannot be written (the consumer counts the record as dropped) */
    @Override
    public void accept(RawEvent event) {
        try {
            out.write(RawRecordJson.encode(event));
            out.write('\n');
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Records written count as sent; nothing is spooled or dropped here. */
    @Override
    public DeliveryStats stats() {
        return new DeliveryStats(written, 0, 0);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + file, e);
        }
    }
}
