package io.etwcorr.jobs.io.files;

import io.etwcorr.jobs.io.InputFormat;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** What an input file holds, told from its first record, so that the right reader and parser take it. */
public final class InputFiles {
    private static final int MAX_SHOWN_CHARS = 120;

    private InputFiles() {}

    /** The first non-blank line of {@code file} (decompressed when it ends in .gz), at most one record long; empty for an empty file. */
    public static String firstRecord(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && line.size() <= RawEventCodec.MAX_RECORD_BYTES; b = in.read()) {
                if (b == '\n') {
                    if (!line.toString(StandardCharsets.UTF_8).isBlank()) {
                        break;
                    }
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.UTF_8).strip();
        }
    }

    /** The format of {@code file}, or null when it is empty. */
    public static InputFormat detect(Path file) throws IOException {
        String first = firstRecord(file);
        if (first.isEmpty()) {
            return null;
        }
        InputFormat format = InputFormat.detect(first);
        if (format == null) {
            throw new IllegalArgumentException(file + " is neither raw events (docs/contract/raw-events.md: JSON Lines,"
                    + " each object with v, host, provider, ...) nor a Sysmon export (Winlogbeat JSON, the event log's"
                    + " XML or JSON); its first record begins: " + shown(first));
        }
        return format;
    }

    /** Whether {@code file} is XML (an event-log export), read one {@code <Event>} at a time, not by lines. */
    public static boolean isXml(Path file) throws IOException {
        String first = firstRecord(file);
        return first.startsWith("<") || first.startsWith("\uFEFF<");
    }

    private static String shown(String text) {
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "\u2026";
    }
}
