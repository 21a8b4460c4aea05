package io.citywatch.common.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The repository the tests run in: its root folder and its files. */
public final class Repository {
    private Repository() {}

    /**
     * The root folder: {@code citywatch.root} as the build sets it, else the nearest folder above
     * the working directory that holds the contract (a test started from an IDE).
     */
    public static Path root() {
        String configured = System.getProperty("citywatch.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/contract.md"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no repository root (docs/contract.md) above " + Path.of("").toAbsolutePath());
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /** The project's scenario folders (scenarios/*), sorted by name. */
    public static List<Path> scenarios() {
        try (Stream<Path> dirs = Files.list(file("scenarios"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The files under version control, relative to the root: {@code git ls-files} in a clone, or
     * every file outside build output and {@code .git} where there is no git (an exported tree).
     */
    public static List<Path> trackedFiles() {
        Path root = root();
        List<Path> listed = gitLsFiles(root);
        if (listed != null) {
            return listed;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(path -> !isBuildOutputOrGit(path))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBuildOutputOrGit(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals(".git")) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> gitLsFiles(Path root) {
        if (!Files.exists(root.resolve(".git"))) {
            return null;
        }
        try {
            Process git =
                    new ProcessBuilder("git", "ls-files", "-z")
                            .directory(root.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            byte[] out = git.getInputStream().readAllBytes();
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return null;
            }
            List<Path> files = new ArrayList<>();
            for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                // a file deleted in the work tree but not yet from the index is not there to read
                if (!name.isEmpty() && Files.isRegularFile(root.resolve(name))) {
                    files.add(Path.of(name));
                }
            }
            return files;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing files", e);
        }
    }
}
