package io.ringstream.flink.kit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the checkpoint a restarted local run resumes from. */
class CheckpointsTest {
    @TempDir Path dir;

    private Path checkpoint(String job, int n, long metadataMillis) throws Exception {
        Path chk = Files.createDirectories(dir.resolve(job).resolve("chk-" + n));
        Path metadata = Files.createFile(chk.resolve("_metadata"));
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(metadataMillis));
        return chk;
    }

    @Test
    void findsTheNewestCompleteCheckpointAcrossRuns() throws Exception {
        checkpoint("job-a", 3, 1_000);
        Path newest = checkpoint("job-b", 4, 5_000);
        checkpoint("job-a", 9, 2_000);
        // In progress: no metadata yet.
        Files.createDirectories(dir.resolve("job-b").resolve("chk-5"));
        Files.createDirectories(dir.resolve("job-b").resolve("shared"));

        assertThat(Checkpoints.latestRetained(dir)).contains(newest);
        assertThat(Checkpoints.latestRetained(dir.toUri().toString())).contains(newest);
        assertThat(Checkpoints.number(newest)).isEqualTo(4);
    }

    @Test
    void tiesAreBrokenByNumber() throws Exception {
        checkpoint("job", 7, 1_000);
        Path eight = checkpoint("job", 8, 1_000);

        assertThat(Checkpoints.latestRetained(dir)).contains(eight);
    }

    @Test
    void emptyOrMissingDirectoriesHaveNone() {
        assertThat(Checkpoints.latestRetained(dir)).isEmpty();
        assertThat(Checkpoints.latestRetained(dir.resolve("missing"))).isEmpty();
    }
}
