package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestorePointsTest {
    @TempDir Path dir;

    @Test
    void picksTheNewestCompleteSnapshotAcrossSavepointsAndCheckpoints() throws IOException {
        Path checkpoints = dir.resolve("checkpoints");
        Path savepoints = dir.resolve("savepoints");
        Path oldCheckpoint = snapshot(checkpoints.resolve("job1/chk-4"), 1_000);
        Path savepoint = snapshot(savepoints.resolve("savepoint-abc"), 2_000);
        Files.createDirectories(checkpoints.resolve("job2/chk-9")); // incomplete: no _metadata

        assertThat(RestorePoints.newest(checkpoints, savepoints)).contains(savepoint);
        assertThat(RestorePoints.newest(checkpoints)).contains(oldCheckpoint);
    }

    @Test
    void nothingToRestoreOnAFreshDataDir() {
        assertThat(RestorePoints.newest(dir.resolve("checkpoints"), dir.resolve("savepoints")))
                .isEmpty();
    }

    private static Path snapshot(Path dir, long mtime) throws IOException {
        Files.createDirectories(dir);
        Path metadata = Files.writeString(dir.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(mtime));
        return dir;
    }
}
