package io.citywatch.jobs.reliability;

import io.citywatch.common.topic.CityTopics;
import io.citywatch.jobs.testing.KafkaJob;
import io.citywatch.jobs.testing.TestBroker;
import io.citywatch.jobs.testing.TestMiniCluster;
import io.citywatch.simulator.SimRecord;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated city waiting in the production topic layout (readings on 12 partitions) on a real
 * broker, read by a backfill (bounded, so its alert changes are taken in event-time order) on a
 * MiniCluster with two TaskManagers and checkpoints every 2 s: a run that loses a TaskManager
 * (at-least-once) or fails in an operator (exactly-once) mid-stream restarts from its last
 * checkpoint and writes record for record the alerts and dead letters of a run without failure.
 * Duplicates are only identical (alertId, version) records, and none with exactly-once.
 */
class TaskManagerFailureITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestMiniCluster.of(2, clusterConfig());

    /** How long a paced run takes without failure: long enough for several checkpoints. */
    static final Duration PACED_RUN = Duration.ofSeconds(20);

    private static MiniCluster cluster;
    private static TestBroker broker;
    private static long readings;
    private static List<io.citywatch.common.model.RiskPoint> registry;
    private static Outputs clean;

    private static Configuration clusterConfig() {
        Configuration config = new Configuration();
        // one subtask per TaskManager: killing either one hits the job
        config.setString("taskmanager.load-balance.mode", "SLOTS");
        return config;
    }

    /** What a run wrote: every alert record and every dead letter, as text. */
    record Outputs(List<String> alerts, List<String> deadLetters) {
        /** The alerts to compare, by (alertId, version). */
        Map<String, Set<String>> alertsByKey() {
            return alerts.stream()
                    .collect(
                            Collectors.groupingBy(
                                    KafkaJob::alertKey,
                                    TreeMap::new,
                                    Collectors.toCollection(TreeSet::new)));
        }
    }

    @BeforeAll
    static void city(@InjectMiniCluster MiniCluster miniCluster) throws Exception {
        cluster = miniCluster;
        broker = TestBroker.start().withCityTopics();
        SimulatorSettings settings = new SimulatorSettings();
        List<SimRecord> records = new ArrayList<>();
        new Simulation(settings).forEachRemaining(records::add);
        registry = KafkaJob.registryOf(records);
        Map<String, Long> sent = broker.send(records);
        readings = sent.get(CityTopics.READINGS);
    }

    /**
     * The failure-free run, once for both tests (in a test: the extension points environments at
     * its MiniCluster only around each test).
     */
    private static synchronized Outputs clean() throws Exception {
        if (clean == null) {
            clean = run("clean", "at-least-once", false, false);
            assertThat(clean.alerts()).hasSizeGreaterThan(20);
            assertThat(clean.alertsByKey().values())
                    .allSatisfy(texts -> assertThat(texts).hasSize(1));
        }
        return clean;
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aKilledTaskManagerLosesNoAlertAndDuplicatesOnlyIdenticalRecords() throws Exception {
        Outputs killed = run("killed", "at-least-once", true, true);

        Map<String, Set<String>> byKey = killed.alertsByKey();
        assertThat(byKey.values())
                .as("records of one (alertId, version)")
                .allSatisfy(texts -> assertThat(texts).hasSize(1));
        assertSameAlerts(byKey, clean().alertsByKey());
        assertThat(new TreeSet<>(killed.deadLetters()))
                .isEqualTo(new TreeSet<>(clean().deadLetters()));
        assertThat(killed.deadLetters()).hasSizeGreaterThanOrEqualTo(clean().deadLetters().size());
    }

    @Test
    void twoRunsWithoutFailureAgree() throws Exception {
        Outputs again = run("clean-again", "at-least-once", false, false);
        assertSameAlerts(again.alertsByKey(), clean().alertsByKey());
    }

    @Test
    void anOperatorFailureWithExactlyOnceWritesEveryAlertOnce() throws Exception {
        Outputs failed = run("failed-once", "exactly-once", true, false);

        assertThat(failed.alerts()).doesNotHaveDuplicates();
        assertThat(failed.alerts().stream().map(KafkaJob::alertKey)).doesNotHaveDuplicates();
        assertSameAlerts(failed.alertsByKey(), clean().alertsByKey());
        assertThat(new TreeSet<>(failed.deadLetters()))
                .isEqualTo(new TreeSet<>(clean().deadLetters()));
    }

    /**
     * Runs the job over the whole input into its own output topics; with {@code fail}, a
     * TaskManager is killed or an operator throws once, after a checkpoint.
     */
    private static Outputs run(String name, String delivery, boolean fail, boolean killTaskManager)
            throws Exception {
        String alerts = "alerts." + name;
        String deadletter = "deadletter." + name;
        broker.createTopics(CityTopics.ALERTS, alerts);
        broker.createTopics(CityTopics.DEADLETTER, deadletter);
        KafkaJob job =
                new KafkaJob(broker, "citywatch-" + name)
                        .set("alerts-delivery", delivery)
                        .set("topic.alerts", alerts)
                        .set("topic.deadletter", deadletter);
        job.registry = registry;
        if (fail) {
            job.readingsPerSecond = readings / (double) PACED_RUN.toSeconds();
            if (!killTaskManager) {
                job.failOnceAfterCheckpoint = name;
                job.failAfterReadings = readings / 3;
            }
        }
        JobClient client = job.start("CityWatch " + name);
        JobID id = client.getJobID();
        if (fail && killTaskManager) {
            KafkaJob.waitFor(
                    Duration.ofMinutes(2),
                    "two completed checkpoints",
                    () -> {
                        try {
                            return KafkaJob.completedCheckpoints(cluster, id) >= 2;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
            assertThat(client.getJobStatus().get())
                    .isEqualTo(org.apache.flink.api.common.JobStatus.RUNNING);
            cluster.terminateTaskManager(0).get(1, TimeUnit.MINUTES);
        }
        client.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        if (fail) {
            assertThat(KafkaJob.restoredCheckpoint(cluster, id))
                    .as("checkpoint the job restored from")
                    .isPositive();
        }
        assertThat(restarts(id)).as("restarts of " + name).isEqualTo(fail ? 1L : 0L);
        boolean committed = delivery.equals("exactly-once");
        Outputs outputs =
                new Outputs(
                        broker.readValues(alerts, committed), broker.readValues(deadletter, false));
        java.nio.file.Path dir = java.nio.file.Path.of("target", "reliability");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(dir.resolve(name + "-alerts.jsonl"), outputs.alerts());
        java.nio.file.Files.write(dir.resolve(name + "-deadletters.jsonl"), outputs.deadLetters());
        return outputs;
    }

    /** Equal maps, or a failure that lists only what differs. */
    static void assertSameAlerts(
            Map<String, Set<String>> actual, Map<String, Set<String>> expected) {
        Map<String, Set<String>> missing = new TreeMap<>(expected);
        missing.entrySet().removeIf(e -> e.getValue().equals(actual.get(e.getKey())));
        Map<String, Set<String>> extra = new TreeMap<>(actual);
        extra.entrySet().removeIf(e -> e.getValue().equals(expected.get(e.getKey())));
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "reliability");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(
                    dir.resolve("diff-" + System.nanoTime() + ".txt"),
                    "MISSING\n"
                            + String.join("\n", missing.toString().split("], "))
                            + "\nEXTRA\n"
                            + String.join("\n", extra.toString().split("], ")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(extra).as("alerts that differ from the clean run's %s", missing).isEmpty();
        assertThat(missing).as("alerts of the clean run not written").isEmpty();
    }

    /** Failures the job restarted from, as the REST API's exception history lists them. */
    static long restarts(JobID job) throws Exception {
        return KafkaJob.failures(cluster, job);
    }
}
