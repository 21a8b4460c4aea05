package io.citywatch.jobs.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCheckpointsTest {
    @TempDir Path folder;

    private Path checkpoint(String job, int id, Instant completed) throws Exception {
        Path checkpoint = Files.createDirectories(folder.resolve(job).resolve("chk-" + id));
        if (completed != null) {
            Path metadata = Files.writeString(checkpoint.resolve("_metadata"), "m");
            Files.setLastModifiedTime(metadata, FileTime.from(completed));
        }
        return checkpoint;
    }

    @Test
    void theLatestCompletedCheckpointOfAnyRunIsChosen() throws Exception {
        checkpoint("job-a", 7, Instant.parse("2026-12-01T10:00:00Z"));
        Path latest = checkpoint("job-b", 3, Instant.parse("2026-12-01T11:00:00Z"));
        // a checkpoint a killed process left half written has no metadata yet
        checkpoint("job-b", 4, null);

        assertThat(new LocalCheckpoints(folder).latest()).contains(latest);
    }

    @Test
    void noFolderOrNothingCompletedMeansAnEmptyStart() throws Exception {
        assertThat(new LocalCheckpoints(folder.resolve("missing")).latest()).isEmpty();
        checkpoint("job-a", 1, null);
        assertThat(new LocalCheckpoints(folder).latest()).isEmpty();
    }

    @Test
    void earlierRunsAreRemovedButTheOneResumedFrom() throws Exception {
        checkpoint("job-a", 7, Instant.parse("2026-12-01T10:00:00Z"));
        Path kept = checkpoint("job-b", 3, Instant.parse("2026-12-01T11:00:00Z"));

        new LocalCheckpoints(folder).removeAllBut(kept);

        assertThat(folder.resolve("job-a")).doesNotExist();
        assertThat(kept.resolve("_metadata")).exists();
    }
}
