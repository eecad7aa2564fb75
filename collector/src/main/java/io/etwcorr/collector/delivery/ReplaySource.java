package io.etwcorr.collector.delivery;

import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a recorded raw-event file (JSON Lines, gzip when the name ends in {@code .gz}) into an
 * {@link EventSink}, as fast as possible or paced by the records' {@code ts} at a speed factor.
 */
public final class ReplaySource {
    private static final Logger LOG = LoggerFactory.getLogger(ReplaySource.class);

    /** Time as the replay sees it; tests pass a fake one. */
    public interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    /**
     * What one replay did.
     *
     * @param sent valid records handed to the sink
     * @param malformed lines that were not valid records
     * @param malformedForwarded of those, how many the sink forwarded as they are (for the job to dead-letter)
     */
    public record ReplayCounts(long sent, long malformed, long malformedForwarded) {
    }

    private static final Clock SYSTEM_CLOCK = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    private final Clock clock;

    public ReplaySource(Clock clock) {
        this.clock = clock;
    }

    /** Replays {@code file} into {@code sink}; {@code speed} 0 means as fast as possible, 1 real time, 10 ten times faster. */
    public static ReplayCounts replay(Path file, EventSink sink, double speed) throws IOException, InterruptedException {
        return new ReplaySource(SYSTEM_CLOCK).run(file, sink, speed);
    }

    public ReplayCounts run(Path file, EventSink sink, double speed) throws IOException, InterruptedException {
        if (speed < 0) {
            throw new IllegalArgumentException("speed must be 0 (as fast as possible) or positive, got " + speed);
        }
        long sent = 0;
        long malformed = 0;
        long malformedForwarded = 0;
        long firstTsMicros = 0;
        long startNanos = 0;
        try (BufferedReader lines = open(file)) {
            long lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                RawEvent event;
                try {
                    event = RawEventCodec.decode(line);
                } catch (RawEventException e) {
                    malformed++;
                    if (sink.acceptMalformed(line)) {
                        malformedForwarded++;
                        LOG.debug("{} line {}: not a raw event, forwarded for the job to dead-letter: {}", file, lineNumber, e.getMessage());
                    } else {
                        LOG.warn("{} line {}: not a raw event, skipped: {}", file, lineNumber, e.getMessage());
                    }
                    continue;
                }
                if (speed > 0) {
                    if (sent == 0) {
                        firstTsMicros = event.ts();
                        startNanos = clock.nanoTime();
                    }
                    // Records a little out of order (the contract allows it) go at once.
                    long dueNanos = startNanos + (long) ((event.ts() - firstTsMicros) * 1_000 / speed);
                    long waitNanos = dueNanos - clock.nanoTime();
                    if (waitNanos > 0) {
                        clock.sleepNanos(waitNanos);
                    }
                }
                sink.accept(event);
                sent++;
            }
        }
        return new ReplayCounts(sent, malformed, malformedForwarded);
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 64 * 1024);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
