package io.etwcorr.collector.delivery;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded FIFO of records on disk, kept while Kafka is unreachable and across collector restarts.
 *
 * <p>Layout: a directory of append-only segment files {@code segment-<n>.log}, each a sequence of
 * {@code [int length][int crc32][bytes]} records, plus a {@code head} file naming the first record
 * not yet removed. On open every segment is checked; a torn or corrupt tail (the collector died in
 * the middle of a write) is cut off. When an append would exceed the byte limit, whole oldest
 * segments are deleted and their unread records counted as dropped: recent events are worth more.
 *
 * <p>Thread-safe for one writer ({@link #append}) and one drainer ({@link #read}, {@link #remove});
 * every operation takes the spool's lock, and reads come from the page cache, so both stay short.
 */
public final class DiskSpool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpool.class);
    static final int RECORD_HEADER_BYTES = 8;
    private static final Pattern SEGMENT_NAME = Pattern.compile("segment-(\\d{19})\\.log");
    private static final String HEAD_FILE = "head";
    private static final int HEAD_FILE_BYTES = 3 * Long.BYTES + Integer.BYTES;
    private static final int SEGMENTS_PER_SPOOL = 8;
    private static final long MAX_SEGMENT_BYTES = 64L * 1024 * 1024;

    private final Path directory;
    private final long maxBytes;
    private final long segmentBytes;
    private final Deque<SpoolSegment> segments = new ArrayDeque<>();
    private FileChannel activeChannel;
    private SpoolPosition head;
    private long totalBytes;
    private long pendingRecords;
    private long dropped;

    private DiskSpool(Path directory, long maxBytes, long segmentBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
    }

    /** Opens (or creates) the spool in {@code directory}, holding at most {@code maxBytes} on disk. */
    public static DiskSpool open(Path directory, long maxBytes) {
        return open(directory, maxBytes, Math.max(1, Math.min(MAX_SEGMENT_BYTES, maxBytes / SEGMENTS_PER_SPOOL)));
    }

    /** As {@link #open(Path, long)}, with segments of about {@code segmentBytes} (the unit dropped when full). */
    public static DiskSpool open(Path directory, long maxBytes, long segmentBytes) {
        if (segmentBytes <= 0 || segmentBytes > maxBytes) {
            throw new IllegalArgumentException("need 0 < segmentBytes <= maxBytes, got " + segmentBytes + " and " + maxBytes);
        }
        DiskSpool spool = new DiskSpool(directory, maxBytes, segmentBytes);
        try {
            Files.createDirectories(directory);
            spool.recover();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spool in " + directory, e);
        }
        return spool;
    }

    /**
     * Appends one record at the tail, first dropping the oldest segments if the spool would
     * outgrow its limit. Returns false (and counts the record as dropped) only when the record alone
     * is larger than the limit.
     */
    public synchronized boolean append(byte[] record) {
        long size = RECORD_HEADER_BYTES + (long) record.length;
        if (size > maxBytes) {
            dropped++;
            return false;
        }
        try {
            SpoolSegment active = segments.getLast();
            if (active.bytes > 0 && active.bytes + size > segmentBytes) {
                startSegment(active.id + 1);
            }
            while (totalBytes + size > maxBytes) {
                dropOldestSegment();
            }
            write(record);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the spool in " + directory, e);
        }
    }

    /** Up to {@code maxRecords} of the oldest records, oldest first, without removing them. */
    public synchronized SpoolBatch read(int maxRecords) {
        List<byte[]> records = new ArrayList<>();
        SpoolPosition cursor = head;
        try {
            for (SpoolSegment segment : segments) {
                if (segment.id < cursor.segment()) {
                    continue;
                }
                if (segment.id > cursor.segment()) {
                    cursor = SpoolPosition.startOf(segment.id);
                }
                cursor = readSegment(segment, cursor, maxRecords - records.size(), records);
                if (records.size() == maxRecords) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool in " + directory, e);
        }
        return new SpoolBatch(List.copyOf(records), cursor);
    }

    /**
     * Removes the records of {@code batch} (and any before it) once they are safely elsewhere. Records
     * of the batch that were dropped meanwhile (the spool overflowed) are skipped, not counted twice.
     */
    public synchronized void remove(SpoolBatch batch) {
        SpoolPosition end = batch.end();
        if (!end.isAfter(head)) {
            return;
        }
        try {
            while (segments.getFirst().id < end.segment()) {
                SpoolSegment consumed = segments.getFirst();
                pendingRecords -= consumed.records - (consumed.id == head.segment() ? head.index() : 0);
                deleteOldestSegment();
            }
            pendingRecords -= end.index() - (end.segment() == head.segment() ? head.index() : 0);
            head = end;
            SpoolSegment headSegment = segments.getFirst();
            if (head.offset() == headSegment.bytes) {
                // Fully read: start afresh so the consumed bytes leave the disk and the limit.
                if (segments.size() == 1) {
                    startSegment(headSegment.id + 1);
                }
                deleteOldestSegment();
                head = SpoolPosition.startOf(segments.getFirst().id);
            }
            writeHead();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove records from the spool in " + directory, e);
        }
    }

    /** Records in the spool, not yet removed. */
    public synchronized long size() {
        return pendingRecords;
    }

    public synchronized boolean isEmpty() {
        return pendingRecords == 0;
    }

    /** Records lost since this spool was opened: dropped as the oldest when full, or too large. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Bytes the segment files take on disk. */
    public synchronized long bytesOnDisk() {
        return totalBytes;
    }

    @Override
    public synchronized void close() {
        try {
            activeChannel.force(false);
            activeChannel.close();
            writeHead();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the spool in " + directory, e);
        }
    }

    /** Deletes a (closed) spool directory with everything in it: a discarded or fully delivered spool. */
    public static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private void recover() throws IOException {
        List<Long> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                Matcher name = SEGMENT_NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    ids.add(Long.parseLong(name.group(1)));
                }
            });
        }
        ids.sort(null);
        for (long id : ids) {
            segments.addLast(checkSegment(id));
        }
        SpoolPosition savedHead = readHead();
        while (!segments.isEmpty() && segments.getFirst().id < savedHead.segment()) {
            deleteOldestSegment();
        }
        boolean headValid = !segments.isEmpty() && segments.getFirst().id == savedHead.segment()
                && savedHead.offset() <= segments.getFirst().bytes && savedHead.index() <= segments.getFirst().records;
        if (segments.isEmpty()) {
            startSegment(Math.max(savedHead.segment(), 0));
        } else {
            SpoolSegment last = segments.getLast();
            activeChannel = FileChannel.open(last.file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        // An unusable head means its records may or may not have been sent: sending them again is the safe side.
        head = headValid ? savedHead : SpoolPosition.startOf(segments.getFirst().id);
        pendingRecords = -head.index();
        for (SpoolSegment segment : segments) {
            pendingRecords += segment.records;
        }
        if (pendingRecords > 0) {
            LOG.info("spool {} reopened with {} records ({} bytes) to deliver", directory, pendingRecords, totalBytes);
        }
    }

    /** Counts a segment's valid records and cuts off a torn or corrupt tail. */
    private SpoolSegment checkSegment(long id) throws IOException {
        Path file = segmentFile(id);
        long fileBytes = Files.size(file);
        long validBytes = 0;
        long records = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] payload;
            while ((payload = readRecord(in, fileBytes - validBytes, true)) != null) {
                validBytes += RECORD_HEADER_BYTES + payload.length;
                records++;
            }
        }
        if (validBytes < fileBytes) {
            LOG.warn("spool segment {}: cut off a torn record ({} bytes) left by an interrupted write", file, fileBytes - validBytes);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(validBytes);
            }
        }
        totalBytes += validBytes;
        return new SpoolSegment(id, file, validBytes, records);
    }

    /** The next record's bytes, or null at the end of the valid records. */
    private static byte[] readRecord(DataInputStream in, long remainingBytes, boolean verify) throws IOException {
        if (remainingBytes < RECORD_HEADER_BYTES) {
            return null;
        }
        int length = in.readInt();
        int crc = in.readInt();
        if (length < 0 || length > remainingBytes - RECORD_HEADER_BYTES) {
            return null;
        }
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            return null;
        }
        return !verify || crc == crc32(payload) ? payload : null;
    }

    private SpoolPosition readSegment(SpoolSegment segment, SpoolPosition from, int maxRecords, List<byte[]> into)
            throws IOException {
        long offset = from.offset();
        long index = from.index();
        if (maxRecords <= 0 || offset >= segment.bytes) {
            return from;
        }
        try (FileChannel channel = FileChannel.open(segment.file, StandardOpenOption.READ)) {
            InputStream stream = Channels.newInputStream(channel.position(offset));
            DataInputStream in = new DataInputStream(new BufferedInputStream(stream));
            int read = 0;
            while (read < maxRecords && offset < segment.bytes) {
                byte[] payload = readRecord(in, segment.bytes - offset, false);
                if (payload == null) {
                    throw new IOException("spool segment " + segment.file + " changed under the spool at offset " + offset);
                }
                into.add(payload);
                offset += RECORD_HEADER_BYTES + payload.length;
                index++;
                read++;
            }
        }
        return new SpoolPosition(segment.id, offset, index);
    }

    private void write(byte[] record) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(RECORD_HEADER_BYTES + record.length);
        buffer.putInt(record.length).putInt(crc32(record)).put(record).flip();
        while (buffer.hasRemaining()) {
            activeChannel.write(buffer);
        }
        SpoolSegment active = segments.getLast();
        active.bytes += buffer.limit();
        active.records++;
        totalBytes += buffer.limit();
        pendingRecords++;
    }

    private void startSegment(long id) throws IOException {
        if (activeChannel != null) {
            activeChannel.force(false);
            activeChannel.close();
        }
        Path file = segmentFile(id);
        Files.deleteIfExists(file);
        activeChannel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segments.addLast(new SpoolSegment(id, file, 0, 0));
    }

    /** Deletes the head segment, which holds the oldest records, and counts its unread ones as dropped. */
    private void dropOldestSegment() throws IOException {
        SpoolSegment oldest = segments.getFirst();
        long unread = oldest.records - head.index();
        dropped += unread;
        pendingRecords -= unread;
        deleteOldestSegment();
        head = SpoolPosition.startOf(segments.getFirst().id);
        writeHead();
        LOG.warn("spool {} is full ({} bytes): dropped its oldest {} records", directory, maxBytes, unread);
    }

    private void deleteOldestSegment() throws IOException {
        SpoolSegment oldest = segments.removeFirst();
        Files.deleteIfExists(oldest.file);
        totalBytes -= oldest.bytes;
    }

    private SpoolPosition readHead() throws IOException {
        Path file = directory.resolve(HEAD_FILE);
        if (!Files.exists(file)) {
            return SpoolPosition.startOf(0);
        }
        ByteBuffer content = ByteBuffer.wrap(Files.readAllBytes(file));
        if (content.remaining() != HEAD_FILE_BYTES) {
            return SpoolPosition.startOf(0);
        }
        byte[] fields = new byte[3 * Long.BYTES];
        content.get(fields);
        if (content.getInt() != crc32(fields)) {
            return SpoolPosition.startOf(0);
        }
        ByteBuffer values = ByteBuffer.wrap(fields);
        return new SpoolPosition(values.getLong(), values.getLong(), values.getLong());
    }

    /** Replaces the head file atomically, so a crash leaves the old head or the new one. */
    private void writeHead() throws IOException {
        ByteBuffer fields = ByteBuffer.allocate(3 * Long.BYTES);
        fields.putLong(head.segment()).putLong(head.offset()).putLong(head.index());
        ByteBuffer content = ByteBuffer.allocate(HEAD_FILE_BYTES);
        content.put(fields.array()).putInt(crc32(fields.array()));
        Path temporary = directory.resolve(HEAD_FILE + ".tmp");
        Files.write(temporary, content.array());
        Files.move(temporary, directory.resolve(HEAD_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path segmentFile(long id) {
        return directory.resolve(String.format("segment-%019d.log", id));
    }

    private static int crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
