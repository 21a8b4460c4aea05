package io.citywatch.jobs.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code citywatch run --config FILE} in a JVM of its own, as an operator runs it: a local
 * MiniCluster that keeps its checkpoints beside the config file. It can be killed with SIGKILL.
 */
public final class RunProcess {
    private final Process process;
    private final Path log;

    private RunProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the job's entry point on this test JVM's classpath; output goes to {@code log}. */
    public static RunProcess start(Path config, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens")) {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.citywatch.jobs.cli.RunCommand");
        command.add("--config");
        command.add(config.toString());
        Process process =
                new ProcessBuilder(command)
                        .directory(config.getParent().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        return new RunProcess(process, log);
    }

    /** Waits for a line of the process's output that contains {@code text}. */
    public void awaitLine(String text, Duration timeout) throws Exception {
        KafkaJob.waitFor(
                timeout,
                "'" + text + "' in " + log,
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the run process ended: " + output());
                    }
                    return output().contains(text);
                });
    }

    /** Kills the process with SIGKILL, as a crash or {@code kill -9} would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** The number of the newest completed checkpoint in a run's checkpoint folder (0: none). */
    public static long completedCheckpoints(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(folder, 2)) {
            return all.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString().substring(4)))
                    .max()
                    .orElse(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
