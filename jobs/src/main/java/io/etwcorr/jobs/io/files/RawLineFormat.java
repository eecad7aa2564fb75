package io.etwcorr.jobs.io.files;

import io.etwcorr.jobs.model.RawRecord;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a JSON Lines file of raw events (docs/contract/raw-events.md, "Files") as {@link RawRecord}s with
 * their origin {@code name:line}. The bytes are not decoded here, so that the codec sees bad UTF-8
 * as it is. Blank lines are skipped; a line far beyond the record size limit is cut (the codec
 * rejects it as oversize) so that one bad line cannot exhaust memory. Files ending in {@code .gz}
 * are decompressed by the file source itself.
 */
public final class RawLineFormat extends SimpleStreamFormat<RawRecord> {
    private static final long serialVersionUID = 1L;

    /** Kept of an oversize line: enough for the codec to report its size class and for a dead letter. */
    private static final int MAX_KEPT_BYTES = RawEventCodec.MAX_RECORD_BYTES + 1;

    private final String name;

    /** @param name how records of this file name their origin, usually the file name */
    public RawLineFormat(String name) {
        this.name = name;
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(stream, name);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    private static final class LineReader implements Reader<RawRecord> {
        private final InputStream in;
        private final String name;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;
        private long lineNumber;

        LineReader(InputStream in, String name) {
            this.in = in;
            this.name = name;
        }

        @Override
        public RawRecord read() throws IOException {
            while (true) {
                ByteArrayOutputStream line = readLine();
                if (line == null) {
                    return null;
                }
                lineNumber++;
                byte[] bytes = trimmed(line);
                if (bytes.length > 0) {
                    return new RawRecord(bytes, name + ":" + lineNumber);
                }
            }
        }

        /** The next line without its terminator, or null at the end of the input. */
        private ByteArrayOutputStream readLine() throws IOException {
            ByteArrayOutputStream line = null;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return line;
                    }
                }
                if (line == null) {
                    line = new ByteArrayOutputStream(256);
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int keep = Math.min(position - start, MAX_KEPT_BYTES - line.size());
                if (keep > 0) {
                    line.write(buffer, start, keep);
                }
                if (position < limit) {
                    position++; // the newline
                    return line;
                }
            }
        }

        private static byte[] trimmed(ByteArrayOutputStream line) {
            byte[] bytes = line.toByteArray();
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\r' || bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) {
                end--;
            }
            int start = 0;
            while (start < end && (bytes[start] == ' ' || bytes[start] == '\t')) {
                start++;
            }
            return start == 0 && end == bytes.length ? bytes : Arrays.copyOfRange(bytes, start, end);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
