package io.etwcorr.jobs.io.files;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Merges the part files of {@link JsonLinesPartSink} into one JSONL file per label, deterministically. */
public final class JsonLinesFiles {
    /** Event time first, then the record itself: the same records always give the same file. */
    private static final Comparator<String[]> ORDER = Comparator
            .comparingLong((String[] line) -> Long.parseLong(line[0])).thenComparing(line -> line[1]);

    private JsonLinesFiles() {}

    static Path part(Path directory, String label, int subtask) {
        return directory.resolve(label + ".part-" + subtask);
    }

    /**
     * Writes {@code <label>} into {@code out} for each label, from the parts in {@code parts},
     * sorted; deletes the parts. Returns the number of lines of each label, in the given order.
     */
    public static long[] merge(Path parts, Path out, List<String> labels) throws IOException {
        Files.createDirectories(out);
        long[] counts = new long[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            List<String[]> lines = new ArrayList<>();
            if (Files.isDirectory(parts)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(parts, label + ".part-*")) {
                    for (Path file : files) {
                        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                                int tab = line.indexOf('\t');
                                lines.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
                            }
                        }
                        Files.delete(file);
                    }
                }
            }
            lines.sort(ORDER);
            try (BufferedWriter writer = Files.newBufferedWriter(out.resolve(label), StandardCharsets.UTF_8)) {
                for (String[] line : lines) {
                    writer.write(line[1]);
                    writer.write('\n');
                }
            }
            counts[i] = lines.size();
        }
        return counts;
    }
}
