package io.etwcorr.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DiskSpoolTest {
    /** 92 payload bytes + the 8-byte header: ten records fill a 1000-byte segment exactly. */
    private static final int PAYLOAD_BYTES = 92;

    @TempDir
    Path dir;

    @Test
    void drainsInWriteOrderAcrossSegments() {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, 1_000)) {
            appendRange(spool, 0, 500);

            assertThat(spool.size()).isEqualTo(500);
            assertThat(drainAll(spool, 37)).containsExactlyElementsOf(names(0, 500));
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.read(10).isEmpty()).isTrue();
            assertThat(spool.dropped()).isZero();
        }
    }

    @Test
    void readDoesNotRemoveUntilTheBatchIsRemoved() {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, 1_000)) {
            appendRange(spool, 0, 5);

            SpoolBatch first = spool.read(3);
            assertThat(texts(spool.read(3))).containsExactly("record-000000", "record-000001", "record-000002");
            spool.remove(first);
            spool.remove(first);

            assertThat(spool.size()).isEqualTo(2);
            assertThat(texts(spool.read(10))).containsExactly("record-000003", "record-000004");
        }
    }

    @Test
    void whenFullDropsWholeOldestSegmentsAndCountsThem() {
        try (DiskSpool spool = DiskSpool.open(dir, 10_000, 1_000)) {
            appendRange(spool, 0, 250);

            // Room for 10 segments of 10 records: the 15 oldest segments went, whole.
            assertThat(spool.dropped()).isEqualTo(150);
            assertThat(spool.size()).isEqualTo(100);
            assertThat(spool.bytesOnDisk()).isLessThanOrEqualTo(10_000);
            assertThat(drainAll(spool, 64)).containsExactlyElementsOf(names(150, 250));
        }
    }

    @Test
    void recordsDroppedUnderAReadBatchAreNotCountedTwice() {
        try (DiskSpool spool = DiskSpool.open(dir, 10_000, 1_000)) {
            appendRange(spool, 0, 100);
            SpoolBatch inFlight = spool.read(15);

            appendRange(spool, 100, 110);
            spool.remove(inFlight);

            // Segment 0 (records 0-9) was dropped while read; removing the batch took records 10-14.
            assertThat(spool.dropped()).isEqualTo(10);
            assertThat(spool.size()).isEqualTo(95);
            assertThat(drainAll(spool, 50)).containsExactlyElementsOf(names(15, 110));
        }
    }

    @Test
    void aRecordLargerThanTheSpoolIsDropped() {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000, 1_000)) {
            assertThat(spool.append(new byte[1_000])).isFalse();
            assertThat(spool.dropped()).isEqualTo(1);
            assertThat(spool.isEmpty()).isTrue();
        }
    }

    @Test
    void reopeningContinuesWhereTheSpoolWas() {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, 1_000)) {
            appendRange(spool, 0, 100);
            spool.remove(spool.read(30));
        }
        try (DiskSpool reopened = DiskSpool.open(dir, 1_000_000, 1_000)) {
            assertThat(reopened.size()).isEqualTo(70);
            appendRange(reopened, 100, 110);
            assertThat(drainAll(reopened, 25)).containsExactlyElementsOf(names(30, 110));
        }
        try (DiskSpool drained = DiskSpool.open(dir, 1_000_000, 1_000)) {
            assertThat(drained.isEmpty()).isTrue();
        }
    }

    @Test
    void aTornLastRecordIsCutOffOnReopen() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, 1_000)) {
            appendRange(spool, 0, 5);
        }
        Path segment = lastSegment();
        long intactBytes = Files.size(segment);
        // A crash in the middle of a write: the header promises 50 bytes, 20 made it to disk.
        Files.write(segment, ByteBuffer.allocate(28).putInt(50).putInt(12345).array(), StandardOpenOption.APPEND);

        try (DiskSpool reopened = DiskSpool.open(dir, 1_000_000, 1_000)) {
            assertThat(Files.size(segment)).isEqualTo(intactBytes);
            assertThat(reopened.size()).isEqualTo(5);
            reopened.append(text("after-crash"));
            assertThat(drainAll(reopened, 10)).containsExactly(
                    "record-000000", "record-000001", "record-000002", "record-000003", "record-000004", "after-crash");
        }
    }

    @Test
    void aLastRecordWithAWrongChecksumIsCutOffOnReopen() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, 1_000)) {
            appendRange(spool, 0, 3);
        }
        byte[] garbage = text("garbage");
        Files.write(lastSegment(), ByteBuffer.allocate(8 + garbage.length).putInt(garbage.length).putInt(0).put(garbage).array(),
                StandardOpenOption.APPEND);

        try (DiskSpool reopened = DiskSpool.open(dir, 1_000_000, 1_000)) {
            assertThat(drainAll(reopened, 10)).containsExactlyElementsOf(names(0, 3));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void oneWriterAndOneDrainerConcurrently() {
        int total = 20_000;
        try (DiskSpool spool = DiskSpool.open(dir, 64L * 1024 * 1024, 16 * 1024)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> appendRange(spool, 0, total));
            CompletableFuture<List<String>> drainer = CompletableFuture.supplyAsync(() -> {
                List<String> drained = new ArrayList<>();
                while (drained.size() < total) {
                    SpoolBatch batch = spool.read(100);
                    drained.addAll(texts(batch));
                    spool.remove(batch);
                    if (batch.isEmpty()) {
                        Thread.onSpinWait();
                    }
                }
                return drained;
            });

            writer.join();
            assertThat(drainer.join()).containsExactlyElementsOf(names(0, total));
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.dropped()).isZero();
        }
    }

    private Path lastSegment() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("segment-")).sorted()
                    .reduce((first, second) -> second).orElseThrow();
        }
    }

    private static void appendRange(DiskSpool spool, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(spool.append(padded(i))).isTrue();
        }
    }

    private static List<String> drainAll(DiskSpool spool, int batchSize) {
        List<String> drained = new ArrayList<>();
        for (SpoolBatch batch = spool.read(batchSize); !batch.isEmpty(); batch = spool.read(batchSize)) {
            drained.addAll(texts(batch));
            spool.remove(batch);
        }
        return drained;
    }

    private static List<String> names(int from, int to) {
        return IntStream.range(from, to).mapToObj(DiskSpoolTest::name).toList();
    }

    private static String name(int i) {
        return String.format("record-%06d", i);
    }

    /** The record's name, padded with spaces so that every record has the same size. */
    private static byte[] padded(int i) {
        return text(String.format("%-" + PAYLOAD_BYTES + "s", name(i)));
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(SpoolBatch batch) {
        return batch.records().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip()).toList();
    }
}
