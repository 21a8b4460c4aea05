package io.citywatch.jobs.production;

import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.topic.CityTopics;
import io.citywatch.jobs.testing.AlertSets;
import io.citywatch.jobs.testing.CityRun;
import io.citywatch.jobs.testing.KafkaJob;
import io.citywatch.jobs.testing.RunProcess;
import io.citywatch.jobs.testing.TestBroker;
import io.citywatch.jobs.testing.TestMiniCluster;
import io.citywatch.simulator.GroundTruth;
import io.citywatch.simulator.SimRecord;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path operators take: hours of a simulated city in the production topic layout (readings on 12
 * partitions), the job at parallelism 2 reading them as a backlog, after a stop with a savepoint,
 * and with one partition far behind the others. Each run has its own topics on one broker; the
 * uninterrupted backlog run is the reference of the others.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionPathITCase {
    /** Shorter than the 60 s default so that a test's tail does not wait a minute; still long. */
    private static final Duration IDLENESS = Duration.ofSeconds(20);

    private static final Duration CAUGHT_UP = Duration.ofMinutes(5);
    private static final long HOUR_MS = 3_600_000L;

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestMiniCluster.oneTaskManager();

    private static TestBroker broker;
    private static SimulatorSettings settings;
    private static List<SimRecord> records;
    private static List<RiskPoint> registry;
    private static GroundTruth truth;

    /** The alerts of the uninterrupted backlog run, as text. */
    private static List<String> reference;

    @BeforeAll
    static void city() throws Exception {
        broker = TestBroker.start();
        settings = new SimulatorSettings();
        settings.riskPoints = 96;
        settings.duration = Duration.ofHours(4);
        records = new ArrayList<>();
        new Simulation(settings).forEachRemaining(records::add);
        registry = KafkaJob.registryOf(records);
        truth = GroundTruth.of(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static CityRun run(MiniCluster cluster, String name) throws Exception {
        CityRun run = CityRun.create(broker, cluster, name, registry);
        run.job().set("idleness", IDLENESS.toSeconds() + "s");
        // readings of unregistered devices wait this long (processing time) for their registry
        // record before they are dead-lettered: no longer than a partition takes to go idle
        run.job().set("unknown-hold", IDLENESS.toSeconds() + "s");
        return run;
    }

    @Test
    @Order(1)
    void hoursOfBacklogGiveTheGroundTruthAndOnlyTheInjectedDeadLetters(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        try (CityRun backlog = run(cluster, "backlog")) {
            backlog.send(records);
            backlog.start();
            backlog.awaitCaughtUp(IDLENESS, CAUGHT_UP);

            List<String> alerts = backlog.alerts();
            GroundTruth.Comparison comparison = truth.compare(AlertSets.forGroundTruth(alerts));
            System.out.printf(
                    "backlog of %d h, %d risk points, readings on %d partitions: %s dead"
                            + " letters (injected %s), %d expected alerts missed, %d at a wrong"
                            + " level, %d unexpected%n",
                    settings.duration.toHours(),
                    settings.riskPoints,
                    CityTopics.spec(CityTopics.READINGS).partitions(),
                    backlog.deadLettersByReason(),
                    truth.deadLetters(),
                    comparison.missed().size(),
                    comparison.wrongLevel().size(),
                    comparison.unexpected().size());
            assertThat(comparison.describe()).isEmpty();
            assertThat(backlog.deadLettersByReason()).isEqualTo(truth.deadLetters());
            AlertSets.assertWholeChangelogs(alerts);
            // without a failure or a stop, at-least-once writes nothing twice either
            assertThat(alerts.stream().map(KafkaJob::alertKey)).doesNotHaveDuplicates();
            assertThat(backlog.failures()).as("restarts").isZero();
            reference = alerts;
        }
    }

    @Test
    @Order(2)
    void aStopWithASavepointAndAnHourProducedMeanwhileChangeNoAlert(
            @InjectMiniCluster MiniCluster cluster, @TempDir Path folder) throws Exception {
        long start = settings.startMs();
        try (CityRun resumed = run(cluster, "resumed")) {
            resumed.send(emittedBetween(Long.MIN_VALUE, start + 2 * HOUR_MS));
            resumed.start();
            resumed.awaitCaughtUp(Duration.ZERO, CAUGHT_UP);
            String savepoint = resumed.stopWithSavepoint(folder);

            // the city goes on while the job is down
            resumed.send(emittedBetween(start + 2 * HOUR_MS, start + 3 * HOUR_MS));
            resumed.job().savepoint = savepoint;
            resumed.start();
            resumed.send(emittedBetween(start + 3 * HOUR_MS, Long.MAX_VALUE));
            resumed.awaitCaughtUp(IDLENESS, CAUGHT_UP);

            assertThat(resumed.deadLettersByReason()).isEqualTo(truth.deadLetters());
            AlertSets.assertSame(resumed.alerts(), reference());
        }
    }

    @Test
    @Order(3)
    void aPartitionMinutesBehindTheOthersMakesNothingLate(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        long skew = Duration.ofMinutes(20).toMillis();
        int lagging = 5;
        try (CityRun skewed = run(cluster, "skewed")) {
            // the registry first, as the simulator sends it, then the city live at 1200x
            List<SimRecord> city = new ArrayList<>();
            for (SimRecord record : records) {
                if (record.stream() == SimRecord.Stream.REGISTRY) {
                    skewed.send(List.of(record));
                } else {
                    city.add(record);
                }
            }
            skewed.start();
            // one readings partition's records go out 20 minutes (event time) after the others'
            city.sort(
                    Comparator.comparingLong(
                            record -> record.emitTs() + (isOn(record, lagging) ? skew : 0)));
            sendLive(skewed, city, skew, lagging, 1200);
            skewed.awaitCaughtUp(IDLENESS, CAUGHT_UP);

            assertThat(skewed.deadLettersByReason()).isEqualTo(truth.deadLetters());
            AlertSets.assertSame(skewed.alerts(), reference());
        }
    }

    @Test
    @Order(4)
    void aRunProcessKilledMidStreamGoesOnFromItsCheckpoint(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        // kept after the run: the processes' logs and checkpoints explain a failure
        Path folder = Path.of("target", "production", "run-process").toAbsolutePath();
        deleteTree(folder);
        java.nio.file.Files.createDirectories(folder);
        long start = settings.startMs();
        // the topics of a run; the job runs in processes of its own, as `citywatch run`
        try (CityRun topics = CityRun.create(broker, cluster, "run-process", registry)) {
            Path config = runConfig(folder, topics);
            Path checkpoints = folder.resolve("checkpoints");
            topics.send(emittedBetween(Long.MIN_VALUE, start + 2 * HOUR_MS));

            RunProcess first = RunProcess.start(config, folder.resolve("first.log"));
            try {
                KafkaJob.waitFor(
                        CAUGHT_UP,
                        "a completed checkpoint of the first run",
                        () -> RunProcess.completedCheckpoints(checkpoints) >= 2);
            } finally {
                first.kill();
            }
            System.out.printf(
                    "run process killed (SIGKILL) after its checkpoint %d%n",
                    RunProcess.completedCheckpoints(checkpoints));

            topics.send(emittedBetween(start + 2 * HOUR_MS, Long.MAX_VALUE));
            RunProcess second = RunProcess.start(config, folder.resolve("second.log"));
            try {
                second.awaitLine("resuming from checkpoint", Duration.ofMinutes(2));
                for (String input : List.of(CityTopics.READINGS, CityTopics.INCIDENTS)) {
                    broker.awaitCommittedToEnd(
                            "citywatch-run-process", topics.topic(input), CAUGHT_UP);
                }
                Thread.sleep(IDLENESS.plusSeconds(2).toMillis());
                long taken = RunProcess.completedCheckpoints(checkpoints);
                KafkaJob.waitFor(
                        CAUGHT_UP,
                        "two more checkpoints of the second run",
                        () -> RunProcess.completedCheckpoints(checkpoints) >= taken + 2);
            } finally {
                second.kill();
            }
            java.nio.file.Files.write(folder.resolve("deadletters.jsonl"), topics.deadLetters());
            java.nio.file.Files.write(folder.resolve("alerts.jsonl"), topics.alerts());
            assertThat(topics.deadLettersByReason()).isEqualTo(truth.deadLetters());
            AlertSets.assertSame(topics.alerts(), reference());
        }
    }

    /** The run's `run --config` file, as an operator writes it, with the registry beside it. */
    private static Path runConfig(Path folder, CityRun topics) throws Exception {
        java.nio.file.Files.write(folder.resolve("registry.jsonl"), registryLines());
        List<String> lines = new ArrayList<>();
        lines.add("kafka.bootstrap-servers=" + broker.bootstrapServers());
        lines.add("kafka.group-id=citywatch-run-process");
        lines.add("registry=registry.jsonl");
        lines.add("parallelism=2");
        lines.add("checkpoint-interval=2s");
        lines.add("idleness=" + IDLENESS.toSeconds() + "s");
        lines.add("unknown-hold=" + IDLENESS.toSeconds() + "s");
        for (CityTopics.Spec spec : CityTopics.ALL) {
            lines.add(CityRun.topicKey(spec.name()) + "=" + topics.topic(spec.name()));
        }
        Path config = folder.resolve("run.properties");
        java.nio.file.Files.write(config, lines);
        return config;
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (java.nio.file.Files.exists(root)) {
            try (var paths = java.nio.file.Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(path);
                }
            }
        }
    }

    private static List<String> registryLines() {
        return records.stream()
                .filter(r -> r.stream() == SimRecord.Stream.REGISTRY)
                .map(SimRecord::value)
                .toList();
    }

    private static List<String> reference() {
        assertThat(reference).as("the backlog run (test 1) gives the reference").isNotNull();
        return reference;
    }

    private static List<SimRecord> emittedBetween(long from, long until) {
        return records.stream()
                .filter(r -> r.stream() != SimRecord.Stream.REGISTRY || from == Long.MIN_VALUE)
                .filter(r -> r.emitTs() >= from && r.emitTs() < until)
                .toList();
    }

    /** Whether the producer sends {@code record} to readings partition {@code partition}. */
    private static boolean isOn(SimRecord record, int partition) {
        if (record.stream() != SimRecord.Stream.READINGS || record.key() == null) {
            return false;
        }
        byte[] key = record.key().getBytes(StandardCharsets.UTF_8);
        int partitions = CityTopics.spec(CityTopics.READINGS).partitions();
        return Utils.toPositive(Utils.murmur2(key)) % partitions == partition;
    }

    /**
     * Sends the records paced, city time running {@code speed} times faster than the wall clock,
     * each at its (skewed) send time.
     */
    private static void sendLive(
            CityRun run, List<SimRecord> city, long skew, int lagging, double speed)
            throws Exception {
        long wallStart = System.nanoTime();
        long cityStart = city.get(0).emitTs();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            for (SimRecord record : city) {
                long sendAt = record.emitTs() + (isOn(record, lagging) ? skew : 0);
                long dueNanos = wallStart + (long) ((sendAt - cityStart) * 1e6 / speed);
                long wait = dueNanos - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
                producer.send(
                        new ProducerRecord<>(
                                run.topic(topicOf(record)),
                                record.key() == null
                                        ? null
                                        : record.key().getBytes(StandardCharsets.UTF_8),
                                record.value().getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static String topicOf(SimRecord record) {
        return switch (record.stream()) {
            case REGISTRY -> CityTopics.REGISTRY;
            case READINGS -> CityTopics.READINGS;
            case INCIDENTS -> CityTopics.INCIDENTS;
        };
    }
}
