package io.etwcorr.jobs.io.files;

import io.etwcorr.jobs.model.RawRecord;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads an event-log XML export ({@code wevtutil qe Microsoft-Windows-Sysmon/Operational /f:xml},
 * with or without an {@code <Events>} root, or {@code Get-WinEvent | ForEach-Object ToXml}) as one
 * {@link RawRecord} per {@code <Event>} element, whatever the line breaks, with its origin
 * {@code name:#n} (the n-th event). An element far beyond the record size limit is cut, so that the
 * normalizer rejects it as oversize without the reader holding it all.
 */
public final class SysmonXmlFormat extends SimpleStreamFormat<RawRecord> {
    private static final long serialVersionUID = 1L;

    private static final int MAX_KEPT_BYTES = RawEventCodec.MAX_RECORD_BYTES + 1;

    private final String name;

    /** @param name how records of this file name their origin, usually the file name */
    public SysmonXmlFormat(String name) {
        this.name = name;
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream) {
        return new EventReader(stream, name);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    /** Splits a byte stream into its {@code <Event ...>...</Event>} elements (they never nest). */
    static final class EventReader implements Reader<RawRecord> {
        private static final byte[] START = "<Event".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] END = "</Event>".getBytes(StandardCharsets.US_ASCII);

        private final InputStream in;
        private final String name;
        private long events;

        EventReader(InputStream in, String name) {
            this.in = new BufferedInputStream(in, 1 << 16);
            this.name = name;
        }

        @Override
        public RawRecord read() throws IOException {
            int afterStart = skipToEventStart();
            if (afterStart < 0) {
                return null;
            }
            ByteArrayOutputStream event = new ByteArrayOutputStream(2048);
            event.write(START);
            event.write(afterStart);
            long length = START.length + 1;
            int matched = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (++length <= MAX_KEPT_BYTES) {
                    event.write(b);
                }
                matched = b == END[matched] ? matched + 1 : (b == END[0] ? 1 : 0);
                if (matched == END.length) {
                    break;
                }
            }
            events++;
            return new RawRecord(event.toByteArray(), name + ":#" + events);
        }

        /**
         * Consumes input up to the next {@code <Event} that opens an Event element and returns the
         * byte after it, or -1 at the end of the input.
         */
        private int skipToEventStart() throws IOException {
            int matched = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (matched == START.length) {
                    // <Event followed by a blank or '>' is the element; <Events, <EventData, <EventID are not.
                    if (b == ' ' || b == '>' || b == '\t' || b == '\r' || b == '\n') {
                        return b;
                    }
                    matched = 0;
                }
                matched = b == START[matched] ? matched + 1 : (b == START[0] ? 1 : 0);
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
