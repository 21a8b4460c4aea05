package io.citywatch.jobs.reliability;

import io.citywatch.common.model.Alert;
import io.citywatch.common.topic.CityTopics;
import io.citywatch.jobs.testing.AlertSets;
import io.citywatch.jobs.testing.FlinkRest;
import io.citywatch.jobs.testing.KafkaJob;
import io.citywatch.jobs.testing.StandaloneFlinkCluster;
import io.citywatch.jobs.testing.TestBroker;
import io.citywatch.simulator.GroundTruth;
import io.citywatch.simulator.KafkaOutput;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;
import io.citywatch.simulator.TopicSetup;

import org.apache.flink.api.common.JobID;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded job jar on a real Flink standalone session cluster (JobManager and TaskManagers in
 * JVMs of their own, the jar submitted with Flink's CLI), a live city at 60x on the production
 * topic layout, exactly-once alerts: a spare TaskManager joins, the TaskManagers that run the job
 * are killed with SIGKILL, and the job runs again on the spare from a checkpoint, with every
 * expected alert, none twice, and nothing beyond the ground truth.
 */
class StandaloneClusterITCase {
    private static final Duration IDLENESS = Duration.ofSeconds(20);

    @RegisterExtension
    static final StandaloneFlinkCluster.Extension FLINK = new StandaloneFlinkCluster.Extension();

    private static final String GROUP = "citywatch-standalone";

    /** City time sent before the failure: the job has checkpointed and holds open episodes. */
    private static final long MINUTES_BEFORE_FAILURE = 40;

    @Test
    void theJobRestartsOnASpareFromACheckpointWhenItsTaskManagersAreKilled() throws Exception {
        StandaloneFlinkCluster cluster = FLINK.cluster();
        FlinkRest rest = cluster.rest();
        SimulatorSettings settings = new SimulatorSettings();
        GroundTruth truth = GroundTruth.of(settings);
        Path work = Files.createDirectories(cluster.folder().resolve("city"));

        try (TestBroker broker = TestBroker.start()) {
            TopicSetup.ensure(broker.client(), Integer.MAX_VALUE, (short) 1);
            Path runConfig = runConfig(work, broker, settings);
            cluster.startTaskManagers("tm-1", "tm-2");
            JobID job = cluster.submit(runConfig);
            try {
                cluster.await(
                        Duration.ofMinutes(2),
                        "job " + job + " and all its tasks running",
                        () -> rest.fullyRunning(job));
                // the spare joins the running cluster before the city starts: a JVM's start
                // takes long on a loaded machine, and the failure must come mid-stream
                cluster.startTaskManagers("tm-3");
                assertThat(rest.taskManagersOf(job)).isSubsetOf("tm-1", "tm-2");

                AtomicReference<KafkaOutput.Progress> progress = new AtomicReference<>();
                KafkaOutput city = new KafkaOutput(broker.client(), 60, 0);
                ExecutorService sender = Executors.newSingleThreadExecutor();
                try {
                    Future<Long> sent =
                            sender.submit(() -> city.send(new Simulation(settings), progress::set));
                    cluster.await(
                            Duration.ofMinutes(3),
                            "two checkpoints and " + MINUTES_BEFORE_FAILURE + " min of city time",
                            () ->
                                    rest.completedCheckpoints(job) >= 2
                                            && cityMinutes(progress.get(), settings)
                                                    >= MINUTES_BEFORE_FAILURE);

                    Set<String> ranTheJob = rest.taskManagersOf(job);
                    assertThat(ranTheJob).isNotEmpty().isSubsetOf("tm-1", "tm-2");
                    List<Long> pids = ranTheJob.stream().map(cluster::pid).toList();
                    long minute = cityMinutes(progress.get(), settings);
                    long checkpoints = rest.completedCheckpoints(job);
                    cluster.killTaskManagers(ranTheJob);
                    System.out.printf(
                            "standalone: killed TaskManagers %s (pids %s) with SIGKILL at city"
                                    + " minute %d, after %d checkpoints%n",
                            ranTheJob, pids, minute, checkpoints);
                    cluster.await(
                            Duration.ofMinutes(3),
                            "the job running on tm-3 alone, restored from a checkpoint",
                            () ->
                                    rest.restoredCheckpoint(job) > 0
                                            && rest.fullyRunning(job)
                                            && rest.taskManagersOf(job).equals(Set.of("tm-3")));
                    assertThat(sent.get(5, TimeUnit.MINUTES)).isGreaterThan(10_000);
                } finally {
                    city.stop();
                    sender.shutdownNow();
                }

                broker.awaitCommittedToEnd(GROUP, CityTopics.READINGS, Duration.ofMinutes(3));
                // the last minutes of city time move once the quiet partitions count as idle
                Thread.sleep(IDLENESS.plusSeconds(2).toMillis());
                long read = rest.completedCheckpoints(job);
                Outputs outputs =
                        Outputs.settled(
                                broker, truth, () -> rest.completedCheckpoints(job) >= read + 2);
                outputs.write(work);
                assertOutputs(outputs, truth, rest.restoredCheckpoint(job), rest.failures(job));
            } finally {
                // before the broker goes: a running job would retry it until cancelled
                cluster.cancelJobs();
            }
        }
    }

    /** What the job wrote: alert records (read committed) and dead letters. */
    private record Outputs(List<String> alerts, List<String> deadLetters) {
        static Outputs read(TestBroker broker) {
            return new Outputs(
                    broker.readValues(CityTopics.ALERTS, true),
                    broker.readValues(CityTopics.DEADLETTER, false));
        }

        /**
         * The outputs once they have settled: two checkpoints (which commit the alerts) after all
         * input was read, and the dead letters of every reason but {@code late} as many as injected
         * (an unknown device's readings wait {@code unknown-hold}, 30 s, for their registry record
         * first). After two minutes, whatever came.
         */
        static Outputs settled(
                TestBroker broker, GroundTruth truth, StandaloneFlinkCluster.Condition checkpointed)
                throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) {
                Outputs outputs = read(broker);
                boolean settled =
                        checkpointed.holds()
                                && withoutLate(outputs.deadLettersByReason())
                                        .equals(withoutLate(truth.deadLetters()));
                if (settled || System.nanoTime() > deadline) {
                    return outputs;
                }
                Thread.sleep(1_000);
            }
        }

        /**
         * Dead letters by reason, each record once: dead letters are at-least-once, so a restore
         * writes those since its checkpoint again.
         */
        Map<String, Long> deadLettersByReason() {
            return deadLetters.stream()
                    .map(text -> KafkaJob.field(text, "reason") + " " + identity(text))
                    .distinct()
                    .collect(
                            Collectors.groupingBy(
                                    key -> key.substring(0, key.indexOf(' ')),
                                    TreeMap::new,
                                    Collectors.counting()));
        }

        /** (alertId, version) keys written more than once, with their count. */
        Map<String, Long> duplicatedAlertKeys() {
            Map<String, Long> counts =
                    alerts.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            KafkaJob::alertKey,
                                            TreeMap::new,
                                            Collectors.counting()));
            counts.values().removeIf(count -> count == 1);
            return counts;
        }

        void write(Path folder) throws java.io.IOException {
            Files.write(folder.resolve("alerts.jsonl"), alerts, StandardCharsets.UTF_8);
            Files.write(folder.resolve("deadletters.jsonl"), deadLetters, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Long> withoutLate(Map<String, Long> byReason) {
        Map<String, Long> others = new TreeMap<>(byReason);
        others.remove("late");
        return others;
    }

    private static void assertOutputs(
            Outputs outputs, GroundTruth truth, long restoredCheckpoint, long failures) {
        List<Alert> alerts = AlertSets.forGroundTruth(outputs.alerts());
        GroundTruth.Comparison comparison = truth.compare(alerts);
        Map<String, Long> duplicated = outputs.duplicatedAlertKeys();
        Map<String, Long> deadLetters = outputs.deadLettersByReason();
        long late = deadLetters.getOrDefault("late", 0L);
        long injectedLate = truth.deadLetters().getOrDefault("late", 0L);

        System.out.printf(
                "standalone: restored from checkpoint %d after %d failure(s); %d alert records,"
                        + " %d (alertId, version) duplicated; expected alerts %d: detected %d,"
                        + " missed %d, wrong level %d; alert keys not in the ground truth %d;"
                        + " late dead letters %d (distinct) vs %d injected; dead letters by"
                        + " reason (distinct) %s, injected %s%n%s",
                restoredCheckpoint,
                failures,
                outputs.alerts().size(),
                duplicated.size(),
                truth.alerts().size(),
                comparison.detected().size(),
                comparison.missed().size(),
                comparison.wrongLevel().size(),
                comparison.unexpected().size(),
                late,
                injectedLate,
                deadLetters,
                truth.deadLetters(),
                comparison.describe());

        if (late != injectedLate) {
            printLateDetails(outputs.deadLetters());
        }

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(duplicated).as("(alertId, version) written more than once").isEmpty();
        softly.assertThat(withoutLate(deadLetters))
                .as("dead letters (distinct) of every reason but late, vs injected")
                .isEqualTo(withoutLate(truth.deadLetters()));
        softly.assertThat(comparison.missed()).as("expected alerts that never came").isEmpty();
        softly.assertThat(comparison.wrongLevel()).as("expected alerts at another level").isEmpty();
        softly.assertThat(comparison.unexpected())
                .as("alert keys not in the ground truth")
                .isEmpty();
        softly.assertThat(late)
                .as("late dead letters (distinct) vs injected")
                .isEqualTo(injectedLate);
        softly.assertAll();
    }

    /**
     * Where the late dead letters were decided: behind their own partition (the decoders) or behind
     * the watermark the rules run on (LateFilter), with a few of the latter whole.
     */
    private static void printLateDetails(List<String> deadLetters) {
        List<String> details =
                deadLetters.stream()
                        .filter(text -> "late".equals(KafkaJob.field(text, "reason")))
                        .map(text -> KafkaJob.field(text, "detail"))
                        .toList();
        Map<Boolean, Long> byOwnPartition =
                details.stream()
                        .collect(
                                Collectors.partitioningBy(
                                        detail -> detail.contains("of partition"),
                                        Collectors.counting()));
        System.out.printf(
                "standalone: late behind their own partition %d, behind the rules' watermark %d%n",
                byOwnPartition.get(true), byOwnPartition.get(false));
        Map<String, Long> byMinute =
                details.stream()
                        .filter(detail -> !detail.contains("of partition"))
                        .collect(
                                Collectors.groupingBy(
                                        detail -> detail.substring(11, 27),
                                        TreeMap::new,
                                        Collectors.counting()));
        System.out.println("standalone: behind the rules' watermark, by event minute: " + byMinute);
        details.stream()
                .filter(detail -> !detail.contains("of partition"))
                .limit(3)
                .forEach(detail -> System.out.println("standalone: late: " + detail));
    }

    /** A dead letter's record: its source topic and its text, whole. */
    private static String identity(String deadLetter) {
        return KafkaJob.field(deadLetter, "source") + "\n" + KafkaJob.field(deadLetter, "raw");
    }

    private static long cityMinutes(KafkaOutput.Progress progress, SimulatorSettings settings) {
        return progress == null ? 0 : (progress.simTs() - settings.startMs()) / 60_000;
    }

    /** The job's {@code run --config} file, as an operator writes it, with the registry beside. */
    private static Path runConfig(Path work, TestBroker broker, SimulatorSettings settings)
            throws Exception {
        Files.write(
                work.resolve("registry.jsonl"),
                new Simulation(settings).registryLines(),
                StandardCharsets.UTF_8);
        Map<String, String> config = new TreeMap<>();
        config.put("kafka.bootstrap-servers", broker.bootstrapServers());
        config.put("kafka.group-id", GROUP);
        config.put("registry", "registry.jsonl");
        config.put("parallelism", "2");
        config.put("checkpoint-interval", "2s");
        config.put("alerts-delivery", "exactly-once");
        // a partition quiet this long (wall clock) stops holding the clock back; on a loaded
        // machine a reader can be starved for seconds, and a partition wrongly taken for idle
        // comes back behind the city's clock: its records would be late
        config.put("idleness", IDLENESS.toSeconds() + "s");
        // the partitions go idle while the spare starts, before the city does; the first records
        // wake them within a second or two of each other, which is minutes of city time at 60x:
        // 3 min of out-of-orderness is 3 s of wall clock here (7-minute late records stay late)
        config.put("max-out-of-orderness", "3min");
        Path file = work.resolve("run.properties");
        Files.write(
                file,
                config.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.toList()),
                StandardCharsets.UTF_8);
        return file;
    }
}
