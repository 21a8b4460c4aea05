package io.citywatch.jobs.testing;

import org.apache.flink.api.common.JobID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Flink standalone session cluster of separate JVMs on this machine — a JobManager, TaskManagers
 * started and killed one by one, the shaded job jar submitted with Flink's own CLI — started with
 * the operators' script {@code deploy/local-cluster/local-cluster}, so the tests run what operators
 * rehearse with. One per test JVM, shared by the test classes through {@link Extension}; every
 * process ends on {@link #close()} or, as a last resort, in a JVM shutdown hook.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {
    private static final Pattern SUBMITTED =
            Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path script;
    private final Path folder;
    private final Map<String, String> environment;
    private final FlinkRest rest;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final AtomicInteger submissions = new AtomicInteger();
    private final Thread shutdownHook;

    /** A condition checked until it holds; it may call the REST API. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private StandaloneFlinkCluster(Path script, Path folder, int rpcPort, int restPort) {
        this.script = script;
        this.folder = folder;
        this.environment =
                Map.of(
                        "CITYWATCH_FLINK_DIR", folder.toString(),
                        "FLINK_RPC_PORT", String.valueOf(rpcPort),
                        "FLINK_REST_PORT", String.valueOf(restPort),
                        // the JDK that runs the tests runs the cluster
                        "JAVA_HOME", System.getProperty("java.home"));
        this.rest = new FlinkRest(URI.create("http://localhost:" + restPort));
        this.shutdownHook = new Thread(this::killAll, "standalone-flink-cluster-kill");
    }

    /**
     * Configures a cluster in a new folder under {@code target/standalone-cluster/} (kept after the
     * run: its {@code log/} folder holds one log per process) and starts its JobManager.
     */
    public static StandaloneFlinkCluster start() throws Exception {
        Path root = Path.of(System.getProperty("citywatch.root", "..")).toAbsolutePath();
        Path script = root.resolve("deploy/local-cluster/local-cluster");
        Path folder =
                Path.of("target", "standalone-cluster")
                        .toAbsolutePath()
                        .resolve(
                                LocalDateTime.now()
                                        .format(
                                                DateTimeFormatter.ofPattern(
                                                        "yyyyMMdd-HHmmss-SSS")));
        Files.createDirectories(folder.resolve("log"));
        StandaloneFlinkCluster cluster =
                new StandaloneFlinkCluster(script, folder, freePort(), freePort());
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startJobManager();
        } catch (Exception | AssertionError e) {
            try {
                cluster.close();
            } catch (Exception | AssertionError closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return cluster;
    }

    private void startJobManager() throws Exception {
        Process configure = launch("configure", "configure");
        if (!configure.waitFor(1, TimeUnit.MINUTES)) {
            configure.destroyForcibly();
            throw new AssertionError("local-cluster configure ran over a minute");
        }
        if (configure.exitValue() != 0) {
            throw new AssertionError("local-cluster configure failed:\n" + output("configure"));
        }
        Process jobManager = launch("jobmanager", "run", "jobmanager");
        synchronized (this) {
            processes.put("jobmanager", jobManager);
        }
        await(
                START_TIMEOUT,
                "the JobManager's REST API at " + rest.base(),
                () -> {
                    ensureAlive("jobmanager", jobManager);
                    return rest.answers();
                });
    }

    /** The cluster's folder: {@code conf/}, {@code log/}, {@code checkpoints/}, … */
    public Path folder() {
        return folder;
    }

    public FlinkRest rest() {
        return rest;
    }

    /** Starts TaskManagers with these resource ids together and waits until all registered. */
    public void startTaskManagers(String... ids) throws Exception {
        Map<String, Process> started = new LinkedHashMap<>();
        for (String id : ids) {
            String name = taskManager(id);
            synchronized (this) {
                if (processes.containsKey(name)) {
                    throw new IllegalStateException("TaskManager " + id + " runs already");
                }
                Process process = launch(name, "run", "taskmanager", id);
                processes.put(name, process);
                started.put(id, process);
            }
        }
        await(
                START_TIMEOUT,
                "TaskManagers " + started.keySet() + " registered",
                () -> {
                    started.forEach((id, process) -> ensureAlive(taskManager(id), process));
                    return rest.taskManagers().containsAll(started.keySet());
                });
    }

    /** The operating system's process id of a running TaskManager. */
    public synchronized long pid(String taskManagerId) {
        Process process = processes.get(taskManager(taskManagerId));
        if (process == null) {
            throw new IllegalArgumentException("no TaskManager " + taskManagerId);
        }
        return process.pid();
    }

    /**
     * Kills TaskManagers with SIGKILL ({@link Process#destroyForcibly} on Linux), with any child
     * process, all at once as a crash or {@code kill -9} would, and waits until they are gone.
     */
    public void killTaskManagers(Collection<String> ids) throws InterruptedException {
        List<Process> killed = new ArrayList<>();
        synchronized (this) {
            for (String id : ids) {
                Process process = processes.remove(taskManager(id));
                if (process == null) {
                    throw new IllegalArgumentException("no TaskManager " + id);
                }
                killed.add(process);
            }
        }
        for (Process process : killed) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : killed) {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("TaskManager pid " + process.pid() + " outlived SIGKILL");
            }
        }
    }

    /**
     * Stops every TaskManager (SIGTERM, then SIGKILL) and waits until the cluster has let go of
     * them, so that the next test class starts from a bare JobManager.
     */
    public void stopTaskManagers() throws Exception {
        List<Process> stopping = new ArrayList<>();
        synchronized (this) {
            processes
                    .entrySet()
                    .removeIf(
                            e -> {
                                if (!e.getKey().startsWith("taskmanager-")) {
                                    return false;
                                }
                                stopping.add(e.getValue());
                                return true;
                            });
        }
        stop(stopping);
        await(
                Duration.ofMinutes(1),
                "no TaskManager registered",
                () -> rest.taskManagers().isEmpty());
    }

    /**
     * Submits the shaded job jar as an operator does, {@code local-cluster submit CONFIG} ({@code
     * flink run -d -c io.citywatch.jobs.cli.RunCommand JOBJAR --config CONFIG} in a JVM of its
     * own), and returns the id of the submitted job.
     */
    public JobID submit(Path runConfig, String... flinkRunOptions) throws Exception {
        String name = "submit-" + submissions.incrementAndGet();
        List<String> args = new ArrayList<>(List.of("submit", runConfig.toString()));
        args.addAll(List.of(flinkRunOptions));
        Process cli = launch(name, args.toArray(String[]::new));
        if (!cli.waitFor(3, TimeUnit.MINUTES)) {
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
            throw new AssertionError("flink run did not return in 3 minutes:\n" + output(name));
        }
        String output = output(name);
        Matcher submitted = SUBMITTED.matcher(output);
        if (cli.exitValue() != 0 || !submitted.find()) {
            throw new AssertionError("flink run failed (exit " + cli.exitValue() + "):\n" + output);
        }
        return JobID.fromHexString(submitted.group(1));
    }

    /** Cancels every job that has not ended and waits until they have. */
    public void cancelJobs() throws Exception {
        Set<JobID> active = rest.activeJobs();
        for (JobID job : active) {
            rest.cancel(job);
        }
        await(
                Duration.ofMinutes(1),
                "jobs " + active + " cancelled",
                () -> rest.activeJobs().isEmpty());
    }

    /**
     * Checks {@code condition} every 250 ms until it holds; fails after {@code timeout} with {@code
     * what} and where the cluster's logs are.
     */
    public void await(Duration timeout, String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (IOException e) {
                // the REST API may not answer while a JobManager starts or a job restarts
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error =
                        new AssertionError(
                                "timed out after "
                                        + timeout
                                        + " waiting for "
                                        + what
                                        + "; "
                                        + logs());
                if (last != null) {
                    error.addSuppressed(last);
                }
                throw error;
            }
            Thread.sleep(250);
        }
    }

    /** Where the processes log, and the last lines of each log: for failure messages. */
    public String logs() {
        StringBuilder out = new StringBuilder("cluster logs in " + folder.resolve("log"));
        try (Stream<Path> files = Files.list(folder.resolve("log"))) {
            for (Path file : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                out.append("\n==> ").append(file.getFileName()).append(" <==\n");
                lines.subList(Math.max(0, lines.size() - 15), lines.size())
                        .forEach(line -> out.append(line).append('\n'));
            }
        } catch (IOException e) {
            out.append(" (unreadable: ").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    /** Cancels the jobs, stops every process (SIGTERM, SIGKILL after 30 s) and waits for them. */
    @Override
    public void close() throws Exception {
        try {
            if (rest.answers()) {
                cancelJobs();
            }
        } finally {
            List<Process> all;
            synchronized (this) {
                all = new ArrayList<>(processes.values());
                processes.clear();
            }
            // TaskManagers first: a JobManager that goes first leaves them retrying to reach it
            java.util.Collections.reverse(all);
            stop(all);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway and finds nothing left
            }
        }
    }

    private static void stop(List<Process> stopping) throws InterruptedException {
        stopping.forEach(Process::destroy);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Process process : stopping) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError("process " + process.pid() + " outlived SIGKILL");
                }
            }
        }
    }

    private synchronized void killAll() {
        for (Process process : processes.values()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Runs a command of the script in the background, its output appended to log/NAME.out. */
    private Process launch(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        folder.resolve("log").resolve(name + ".out").toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private String output(String name) {
        try {
            return Files.readString(folder.resolve("log").resolve(name + ".out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensureAlive(String name, Process process) {
        if (!process.isAlive()) {
            throw new AssertionError(
                    name + " exited with code " + process.exitValue() + "; " + logs());
        }
    }

    private static String taskManager(String id) {
        return "taskmanager-" + id;
    }

    /** A port nobody listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Shares one cluster among all test classes of a run (JUnit's root store closes it at the end
     * of the run); after each class it cancels the class's jobs and stops its TaskManagers. When a
     * test fails, it prints where the cluster's logs are and their last lines.
     */
    public static final class Extension
            implements BeforeAllCallback,
                    AfterAllCallback,
                    TestExecutionExceptionHandler,
                    LifecycleMethodExecutionExceptionHandler {
        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(StandaloneFlinkCluster.class);

        private StandaloneFlinkCluster cluster;

        public StandaloneFlinkCluster cluster() {
            if (cluster == null) {
                throw new IllegalStateException("the cluster starts before all tests of a class");
            }
            return cluster;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            cluster =
                    context.getRoot()
                            .getStore(NAMESPACE)
                            .getOrComputeIfAbsent(
                                    StandaloneFlinkCluster.class,
                                    key -> {
                                        try {
                                            return StandaloneFlinkCluster.start();
                                        } catch (Exception e) {
                                            throw new IllegalStateException(
                                                    "cannot start the standalone cluster", e);
                                        }
                                    },
                                    StandaloneFlinkCluster.class);
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            if (cluster != null) {
                try {
                    cluster.cancelJobs();
                } finally {
                    cluster.stopTaskManagers();
                }
            }
        }

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
                throws Throwable {
            throw withLogs(throwable);
        }

        @Override
        public void handleBeforeAllMethodExecutionException(
                ExtensionContext context, Throwable throwable) throws Throwable {
            throw withLogs(throwable);
        }

        @Override
        public void handleAfterAllMethodExecutionException(
                ExtensionContext context, Throwable throwable) throws Throwable {
            throw withLogs(throwable);
        }

        private Throwable withLogs(Throwable throwable) {
            if (cluster != null) {
                System.err.println(cluster.logs());
            }
            return throwable;
        }
    }
}
