package io.citywatch.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints a local run keeps in its folder: Flink writes {@code <folder>/<job id>/chk-<n>/}
 * and the checkpoint's {@code _metadata} last, so a checkpoint a killed process left half written
 * has none and is never chosen.
 */
final class LocalCheckpoints {
    private static final String METADATA = "_metadata";

    private final Path folder;

    LocalCheckpoints(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    /** The most recently completed checkpoint of any earlier run, if there is one. */
    Optional<Path> latest() {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(folder)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(LocalCheckpoints::completed)
                    .max(Comparator.comparing(LocalCheckpoints::completedAt));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoints in " + folder, e);
        }
    }

    /**
     * Deletes what earlier runs left except the job folder of {@code keep}: each run writes a
     * folder of its own, and Flink retains only its own latest checkpoint.
     */
    void removeAllBut(Path keep) {
        Path keepJob = keep.getParent();
        try (Stream<Path> jobs = Files.list(folder)) {
            for (Path job : jobs.filter(Files::isDirectory).toList()) {
                if (!job.equals(keepJob)) {
                    deleteTree(job);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up checkpoints in " + folder, e);
        }
    }

    static FileTime completedAt(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve(METADATA));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> completed(Path job) {
        try (Stream<Path> checkpoints = Files.list(job)) {
            List<Path> done =
                    checkpoints
                            .filter(p -> p.getFileName().toString().startsWith("chk-"))
                            .filter(p -> Files.isRegularFile(p.resolve(METADATA)))
                            .toList();
            return done.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
