package io.citywatch.jobs.deploy;

import io.citywatch.jobs.testing.FlinkRest;
import io.citywatch.jobs.testing.StandaloneFlinkCluster;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/local-cluster/local-cluster} as an operator runs it: {@code start} brings up a
 * JobManager and a TaskManager that answer on the REST API, {@code status} lists them, {@code stop}
 * leaves no process behind. (Its {@code configure}, {@code run} and {@code submit} run under every
 * test on {@link StandaloneFlinkCluster}.)
 */
class LocalClusterScriptITCase {
    private static final Path SCRIPT =
            Path.of(
                            System.getProperty("citywatch.root", ".."),
                            "deploy/local-cluster/local-cluster")
                    .toAbsolutePath();

    @Test
    void startsAClusterThatAnswersOnRestAndStopsEveryProcess() throws Exception {
        Path folder =
                Files.createTempDirectory(Path.of("target").toAbsolutePath(), "local-cluster");
        int restPort = StandaloneFlinkCluster.freePort();
        Map<String, String> environment =
                Map.of(
                        "CITYWATCH_FLINK_DIR", folder.toString(),
                        "FLINK_RPC_PORT", String.valueOf(StandaloneFlinkCluster.freePort()),
                        "FLINK_REST_PORT", String.valueOf(restPort),
                        "JAVA_HOME", System.getProperty("java.home"));
        FlinkRest rest = new FlinkRest(URI.create("http://localhost:" + restPort));
        List<ProcessHandle> started = new ArrayList<>();
        String stopped;
        try {
            assertThat(script(folder, environment, "start", "1"))
                    .contains("JobManager and 1 TaskManagers up");
            started.addAll(processes(folder));
            assertThat(started).hasSize(2).allMatch(ProcessHandle::isAlive);
            assertThat(rest.taskManagers()).containsExactly("tm-1");
            assertThat(rest.get("/overview").path("slots-total").asInt()).isEqualTo(2);
            assertThat(script(folder, environment, "status"))
                    .contains("jobmanager: running")
                    .contains("taskmanager-tm-1: running");
        } finally {
            stopped = script(folder, environment, "stop");
            for (ProcessHandle process : started) {
                process.onExit().get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(stopped).contains("stopped 2 processes");
        assertThat(rest.answers()).as("REST API after stop").isFalse();
        assertThat(processes(folder)).isEmpty();
    }

    /** The processes of the pid files the script keeps. */
    private static List<ProcessHandle> processes(Path folder) throws Exception {
        List<ProcessHandle> processes = new ArrayList<>();
        Path pids = folder.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return processes;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.toList()) {
                Optional<ProcessHandle> process =
                        ProcessHandle.of(Long.parseLong(Files.readString(file).trim()));
                process.ifPresent(processes::add);
            }
        }
        return processes;
    }

    /** Runs the script to its end (bounded) and returns what it printed. */
    private static String script(Path folder, Map<String, String> environment, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Path output = folder.resolve(args[0] + ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        Duration timeout = Duration.ofMinutes(6);
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("local-cluster " + args[0] + " ran over " + timeout);
        }
        String text = Files.readString(output);
        assertThat(process.exitValue())
                .as("local-cluster %s exit code; output:%n%s", args[0], text)
                .isZero();
        return text;
    }
}
