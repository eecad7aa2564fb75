package io.etwcorr.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which snapshot a named job resumes from, and that earlier runs' checkpoints do not pile up. */
class JobStateTest {
    @TempDir
    Path dir;

    @Test
    void resumesFromTheNewestCompletedSnapshotOfItsOwnName() throws IOException {
        JobState state = new JobState(dir, "prod");
        Path older = snapshot(state.checkpoints().resolve("job-a/chk-7"), 100);
        Path newer = snapshot(state.checkpoints().resolve("job-b/chk-3"), 200);
        Files.createDirectories(state.checkpoints().resolve("job-b/chk-4")); // in progress: no _metadata
        snapshot(new JobState(dir, "other").checkpoints().resolve("job-c/chk-9"), 300);

        assertThat(state.latestSnapshot()).contains(newer);
        assertThat(older).exists();

        Path savepoint = snapshot(state.savepoints().resolve("savepoint-1"), 250);
        assertThat(state.latestSnapshot()).contains(savepoint);
        assertThat(state.isSavepoint(savepoint)).isTrue();
        assertThat(state.isSavepoint(newer)).isFalse();
    }

    @Test
    void pruningKeepsOnlyTheSnapshotToRestoreAndTheNewestSavepoints() throws IOException {
        JobState state = new JobState(dir, "prod");
        snapshot(state.checkpoints().resolve("job-a/chk-7"), 100);
        Path kept = snapshot(state.checkpoints().resolve("job-b/chk-3"), 200);
        snapshot(state.checkpoints().resolve("job-b/chk-2"), 150);
        Files.createDirectories(state.checkpoints().resolve("job-b/shared"));
        snapshot(state.savepoints().resolve("savepoint-1"), 10);
        Path newestSavepoint = snapshot(state.savepoints().resolve("savepoint-2"), 20);

        state.prune(Optional.of(kept), 1);

        assertThat(state.checkpoints().resolve("job-a")).doesNotExist();
        assertThat(state.checkpoints().resolve("job-b/chk-2")).doesNotExist();
        assertThat(kept).exists();
        assertThat(state.checkpoints().resolve("job-b/shared")).exists();
        assertThat(state.savepoints().resolve("savepoint-1")).doesNotExist();
        assertThat(newestSavepoint).exists();
        assertThat(state.latestSnapshot()).contains(kept);
    }

    @Test
    void startingFreshDeletesEveryCheckpoint() throws IOException {
        JobState state = new JobState(dir, "prod");
        snapshot(state.checkpoints().resolve("job-a/chk-7"), 100);

        state.prune(Optional.empty(), 3);

        assertThat(state.latestSnapshot()).isEmpty();
    }

    @Test
    void aNameIsAPlainDirectoryName() {
        assertThatThrownBy(() -> new JobState(dir, "../elsewhere")).isInstanceOf(IllegalArgumentException.class);
        assertThat(JobState.defaultStateDirectory().toString()).doesNotStartWith(System.getProperty("java.io.tmpdir"));
    }

    private static Path snapshot(Path directory, long modifiedSeconds) throws IOException {
        Files.createDirectories(directory);
        Path metadata = Files.writeString(directory.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(modifiedSeconds * 1000));
        return directory;
    }
}
