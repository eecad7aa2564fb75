package io.etwcorr.jobs.io.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.jobs.config.InputFormat;
import io.etwcorr.jobs.normalize.sysmon.SysmonNormalizer;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private InputFiles() {}

    /**
     * The first non-blank line of {@code file} (decompressed when it ends in .gz), at most one
     * record long; empty for an empty file.
     */
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
            String first = line.toString(StandardCharsets.UTF_8).strip();
            return first.startsWith("\uFEFF") ? first.substring(1) : first;
        }
    }

    /**
     * The format of {@code file}, or null when it is empty.
     *
     * @throws IllegalArgumentException when it is neither format, naming its first record
     */
    public static InputFormat detect(Path file) throws IOException {
        String first = firstRecord(file);
        if (first.isEmpty()) {
            return null;
        }
        InputFormat format = detect(first);
        if (format == null) {
            throw new IllegalArgumentException(file + " is neither raw events (docs/contract/raw-events.md: JSON Lines,"
                    + " each object with v, host, provider, ...) nor a Sysmon export (Winlogbeat JSON, the event log's"
                    + " XML or JSON); its first record begins: " + shown(first));
        }
        return format;
    }

    /**
     * The format of a file whose first record is {@code first}, or null when it is neither: raw
     * events have {@code v}, {@code host} and {@code provider}; Sysmon records are event-log XML, or
     * JSON with {@code winlog}, {@code Event/System} or an event id beside a computer name.
     */
    static InputFormat detect(String first) {
        if (first.startsWith("<")) {
            return first.startsWith("<Event") || first.startsWith("<?xml") ? InputFormat.SYSMON : null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(first);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        if (root.has("v") && root.has("host") && root.has("provider")) {
            return InputFormat.RAW;
        }
        return SysmonNormalizer.looksLikeEventLog(root) ? InputFormat.SYSMON : null;
    }

    /** Whether {@code file} is XML (an event-log export), read one {@code <Event>} at a time, not by lines. */
    public static boolean isXml(Path file) throws IOException {
        return firstRecord(file).startsWith("<");
    }

    private static String shown(String text) {
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "\u2026";
    }
}
