package io.etwcorr.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySourceTest {
    private static final List<RawEvent> EVENTS = FleetSimulator.stream(FleetSpec.benign(2, 3, 3_600)).limit(50).toList();

    @TempDir
    Path dir;

    @Test
    void replaysPlainAndGzipFilesAndCountsBadLines() throws Exception {
        for (String name : List.of("recorded.jsonl", "recorded.jsonl.gz")) {
            Path file = write(dir.resolve(name), lines());
            ListSink sink = new ListSink();

            ReplaySource.ReplayCounts counts = ReplaySource.replay(file, sink, 0);

            assertThat(counts).isEqualTo(new ReplaySource.ReplayCounts(50, 2, 0));
            assertThat(sink.events).containsExactlyElementsOf(EVENTS);
        }
    }

    @Test
    void pacesByEventTimeAtTheGivenSpeed() throws Exception {
        Path file = write(dir.resolve("recorded.jsonl"), lines());
        FakeClock clock = new FakeClock();

        new ReplaySource(clock).run(file, new ListSink(), 4.0);

        long spanMicros = EVENTS.get(EVENTS.size() - 1).ts() - EVENTS.get(0).ts();
        assertThat(clock.now).isEqualTo(spanMicros * 1_000 / 4);
    }

    private static List<String> lines() {
        List<String> lines = new ArrayList<>();
        EVENTS.forEach(event -> lines.add(RawEventCodec.encodeToString(event)));
        lines.add(10, "{not json");
        lines.add(20, "");
        lines.add(30, "{\"v\":1}");
        return lines;
    }

    private static Path write(Path file, List<String> lines) throws IOException {
        byte[] content = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = file.toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    private static final class FakeClock implements ReplaySource.Clock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
        }
    }

    private static final class ListSink implements EventSink {
        final List<RawEvent> events = new ArrayList<>();

        @Override
        public void accept(RawEvent event) {
            events.add(event);
        }

        @Override
        public DeliveryStats stats() {
            return new DeliveryStats(events.size(), 0, 0);
        }

        @Override
        public void close() {
        }
    }
}
