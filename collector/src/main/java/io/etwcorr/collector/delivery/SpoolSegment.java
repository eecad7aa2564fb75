package io.etwcorr.collector.delivery;

import java.nio.file.Path;

/** One append-only segment file of a {@link DiskSpool}, with what the spool knows of its content. */
final class SpoolSegment {
    final long id;
    final Path file;
    long bytes;
    long records;

    SpoolSegment(long id, Path file, long bytes, long records) {
        this.id = id;
        this.file = file;
        this.bytes = bytes;
        this.records = records;
    }
}
