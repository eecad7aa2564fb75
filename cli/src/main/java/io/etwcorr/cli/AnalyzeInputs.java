package io.etwcorr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * What {@code analyze} checks before it starts Flink, so that bad input or a bad output directory is
 * one line, not a stack trace after seconds: each input is a readable file of JSON Lines in UTF-8
 * (gzip when named .gz), the output directory can be written, holds no earlier results unless
 * {@code --force}, and never one of the inputs. A gzip file cut short is read up to its last
 * complete line; the rest becomes a dead letter ({@link #truncationDeadLetters}).
 */
final class AnalyzeInputs {
    /** Dead-letter {@code error.type} of the unreadable end of a gzip file. */
    static final String TRUNCATED = "truncated_input";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ORIGINAL_MAX_CHARS = 4096;

    /** One input as the job reads it: the file, and the name its records' origins carry. */
    record Source(Path path, String name) {
    }

    private final List<Source> sources = new ArrayList<>();
    private final List<String> truncationDeadLetters = new ArrayList<>();

    private AnalyzeInputs() {
    }

    /** The files the job reads, in the order given. */
    List<Source> sources() {
        return sources;
    }

    /** One dead-letter line per gzip input that ended early (empty when all were whole). */
    List<String> truncationDeadLetters() {
        return truncationDeadLetters;
    }

    /**
     * Checks every input; a truncated gzip input's readable lines are copied into {@code scratch} (plain
     * JSON Lines, same origin name) and read from there.
     */
    static AnalyzeInputs check(List<Path> inputs, Path scratch) throws IOException {
        AnalyzeInputs checked = new AnalyzeInputs();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                throw new IllegalArgumentException("--input " + input + " is a directory; give the raw-event files in it");
            }
            if (!Files.isReadable(input)) {
                throw new IllegalArgumentException("cannot read --input " + input + ": "
                        + (Files.exists(input) ? "permission denied" : "no such file"));
            }
            String name = input.getFileName().toString();
            byte[] head = head(input);
            boolean gzipMagic = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            if (name.endsWith(".gz")) {
                if (!gzipMagic) {
                    throw new IllegalArgumentException("--input " + input + " is named .gz but is not gzip-compressed; "
                            + "rename it without .gz if it is plain JSON Lines");
                }
                checked.sources.add(checked.gzip(input, name, scratch));
            } else {
                if (gzipMagic) {
                    throw new IllegalArgumentException("--input " + input
                            + " is gzip-compressed; name it *.gz so that it is decompressed");
                }
                checkText(input, head);
                checked.sources.add(new Source(input, name));
            }
        }
        return checked;
    }

    /** Refuses a UTF-16 file or a JSON array: the input is JSON Lines (one object per line) in UTF-8. */
    private static void checkText(Path input, byte[] head) {
        boolean utf16 = head.length >= 2 && ((head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe
                || (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff
                || head.length >= 4 && (head[0] == 0 || head[1] == 0) && (head[2] == 0 || head[3] == 0));
        if (utf16) {
            throw new IllegalArgumentException("--input " + input + " looks like UTF-16 text; the input is JSON Lines in "
                    + "UTF-8 (e.g. PowerShell: Get-Content f | Set-Content -Encoding utf8 g.jsonl)");
        }
        for (byte b : head) {
            if (b == '[') {
                throw new IllegalArgumentException("--input " + input + " is a JSON array; the input is JSON Lines in "
                        + "UTF-8, one object per line (e.g. jq -c '.[]' " + input + " > events.jsonl)");
            }
            if (!Character.isWhitespace(b) && (b & 0xff) != 0xef && (b & 0xff) != 0xbb && (b & 0xff) != 0xbf) {
                return; // the first character that is not blank or a UTF-8 byte-order mark decides
            }
        }
    }

    private Source gzip(Path input, String name, Path scratch) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(input), 64 * 1024)) {
            in.transferTo(OutputStream.nullOutputStream());
            return new Source(input, name);
        } catch (EOFException | ZipException cutShort) {
            return salvage(input, name, scratch, cutShort);
        }
    }

    /** Copies the complete lines of a cut-short gzip file; the partial last line and the reason become a dead letter. */
    private Source salvage(Path input, String name, Path scratch, IOException reason) throws IOException {
        Files.createDirectories(scratch);
        Path copy = scratch.resolve(truncationDeadLetters.size() + "-" + name.substring(0, name.length() - 3));
        long completeLines = 0;
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        long decompressed = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(input), 64 * 1024);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(copy))) {
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    decompressed += n;
                    for (int i = 0; i < n; i++) {
                        partial.write(buffer[i]);
                        if (buffer[i] == '\n') {
                            partial.writeTo(out);
                            partial.reset();
                            completeLines++;
                        }
                    }
                }
            } catch (EOFException | ZipException expected) {
                // the end of what can be read: what is in `partial` is the cut line
            }
        }
        String cut = partial.toString(StandardCharsets.UTF_8);
        ObjectNode deadLetter = JSON.createObjectNode();
        deadLetter.putObject("event").put("kind", "event").put("dataset", "etwcorr.deadletter");
        deadLetter.putObject("error").put("type", TRUNCATED).put("message", "gzip file ends early ("
                + reason.getMessage() + ") after " + completeLines + " complete line(s), " + decompressed
                + " bytes decompressed; the rest of the file cannot be read");
        deadLetter.putObject("etwcorr").putObject("deadletter")
                .put("original", cut.length() > ORIGINAL_MAX_CHARS ? cut.substring(0, ORIGINAL_MAX_CHARS) : cut)
                .put("original_bytes", partial.size())
                .put("origin", name + ":" + (completeLines + 1));
        truncationDeadLetters.add(JSON.writeValueAsString(deadLetter));
        return new Source(copy, name);
    }

    private static byte[] head(Path input) throws IOException {
        try (InputStream in = Files.newInputStream(input)) {
            return in.readNBytes(64);
        }
    }

    /**
     * Checks {@code --out} before anything runs: a directory (created if missing) that can be written,
     * empty unless {@code force}, and never holding an input among the files analyze writes.
     */
    static void checkOutput(Path out, List<Path> inputs, List<String> outputFiles, boolean force) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file; give a directory (it is created if missing)");
        }
        for (Path input : inputs) {
            for (String file : outputFiles) {
                if (sameFile(input, out.resolve(file))) {
                    throw new IllegalArgumentException("--input " + input + " is one of the files analyze writes into --out "
                            + out + "; write to another directory so the input is not replaced");
                }
            }
        }
        if (Files.isDirectory(out) && !force) {
            try (Stream<Path> entries = Files.list(out)) {
                List<String> names = entries.limit(3).map(entry -> entry.getFileName().toString()).toList();
                if (!names.isEmpty()) {
                    throw new IllegalArgumentException("--out " + out + " is not empty (" + String.join(", ", names)
                            + (names.size() == 3 ? ", …" : "") + "); give a new or empty directory, "
                            + "or --force to replace analyze's files there");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot list --out " + out + ": " + IoErrors.reason(e));
            }
        }
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write into --out " + out + ": " + IoErrors.reason(e));
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
