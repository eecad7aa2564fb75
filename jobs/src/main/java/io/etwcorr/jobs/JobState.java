package io.etwcorr.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a named job keeps its checkpoints and savepoints on this machine
 * ({@code STATE_DIR/NAME/checkpoints/JOB_ID/chk-N}, {@code STATE_DIR/NAME/savepoints/savepoint-…}),
 * which snapshot a restart resumes from, and what is pruned so they do not pile up.
 */
public final class JobState {
    private static final String METADATA = "_metadata";

    private final Path root;

    public JobState(Path stateDirectory, String name) {
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("a job name must be a plain directory name, got '" + name + "'");
        }
        this.root = stateDirectory.resolve(name);
    }

    /** The user's data directory for job state: %LOCALAPPDATA%\etwcorr\state, else $XDG_DATA_HOME/etwcorr/state or ~/.local/share/etwcorr/state. */
    public static Path defaultStateDirectory() {
        String localAppData = System.getenv("LOCALAPPDATA");
        if (System.getProperty("os.name", "").startsWith("Windows") && localAppData != null) {
            return Path.of(localAppData, "etwcorr", "state");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("etwcorr").resolve("state");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path savepoints() {
        return root.resolve("savepoints");
    }

    /** The newest completed checkpoint or savepoint of this job (a directory holding {@code _metadata}). */
    public Optional<Path> latestSnapshot() {
        return completedSnapshots().stream().max(Comparator.comparing(JobState::completedAt));
    }

    /** True when {@code snapshot} is one of this job's savepoints (kept when restored from, not claimed). */
    public boolean isSavepoint(Path snapshot) {
        return snapshot.startsWith(savepoints());
    }

    /**
     * Deletes every checkpoint of earlier runs except {@code keep} (the one about to be restored, if
     * any), and savepoints beyond the newest {@code retainedSavepoints}. Flink bounds the checkpoints
     * of the running job itself (state.checkpoints.num-retained).
     */
    public void prune(Optional<Path> keep, int retainedSavepoints) {
        try {
            for (Path jobDirectory : list(checkpoints())) {
                if (keep.isPresent() && keep.get().startsWith(jobDirectory)) {
                    for (Path checkpoint : list(jobDirectory)) {
                        if (checkpoint.getFileName().toString().startsWith("chk-") && !checkpoint.equals(keep.get())) {
                            deleteRecursively(checkpoint);
                        }
                    }
                } else {
                    deleteRecursively(jobDirectory);
                }
            }
            List<Path> savepoints = new ArrayList<>(list(savepoints()).stream().filter(JobState::isComplete).toList());
            savepoints.sort(Comparator.comparing(JobState::completedAt).reversed());
            for (Path old : savepoints.subList(Math.min(retainedSavepoints, savepoints.size()), savepoints.size())) {
                if (keep.isEmpty() || !keep.get().equals(old)) {
                    deleteRecursively(old);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune the job state in " + root, e);
        }
    }

    private List<Path> completedSnapshots() {
        try {
            List<Path> snapshots = new ArrayList<>();
            for (Path jobDirectory : list(checkpoints())) {
                list(jobDirectory).stream().filter(JobState::isComplete).forEach(snapshots::add);
            }
            list(savepoints()).stream().filter(JobState::isComplete).forEach(snapshots::add);
            return snapshots;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the job state in " + root, e);
        }
    }

    /** Flink writes {@code _metadata} last: a snapshot without it never completed. */
    private static boolean isComplete(Path snapshot) {
        return Files.isRegularFile(snapshot.resolve(METADATA));
    }

    private static FileTime completedAt(Path snapshot) {
        try {
            return Files.getLastModifiedTime(snapshot.resolve(METADATA));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
