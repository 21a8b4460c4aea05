package io.citywatch.jobs.reliability;

import io.citywatch.jobs.testing.KafkaJob;
import io.citywatch.jobs.testing.TestBroker;
import io.citywatch.jobs.testing.TestMiniCluster;
import io.citywatch.simulator.KafkaOutput;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.TimeUtils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A soak: a simulated city of quiet devices sent at 20,000 readings a second, hours of event time
 * per second. The producer waits while the job is more than {@link #MAX_BACKLOG} readings behind: a
 * job that cannot keep up holds the incidents it read ahead of the readings' clock, so state would
 * grow with the backlog, not with a leak. For each sample the producer pauses until the job has
 * taken in what was sent and checkpointed twice: what is measured is the state at rest, not the
 * readings that wait for the next watermark, whose amount follows the rate (which climbs as the JIT
 * warms up) and the machine's load. The checkpointed state (keyed state, CEP partial matches,
 * timers) and the heap after GC level off at devices × a constant instead of growing with time.
 * {@code -Dcitywatch.soak=30m} runs it for 30 minutes; the default is the short version of {@code
 * bin/test}.
 */
class SoakITCase {
    /** Wall time of the soak: {@code -Dcitywatch.soak=30m} for the long one. */
    static final Duration SOAK =
            TimeUtils.parseDuration(System.getProperty("citywatch.soak", "90s"));

    static final long MAX_BACKLOG = 20_000;

    static final double READINGS_PER_SECOND = 20_000;

    /** Checkpointed state per device, at most: generous, a leak grows past any constant. */
    static final long MAX_STATE_BYTES_PER_DEVICE = 64 * 1024;

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestMiniCluster.oneTaskManager();

    record Sample(long wallMillis, long simTs, long stateBytes, long heapBytes) {}

    @Test
    void stateAndHeapStayBoundedAtAHighRate(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.scenarios = new ArrayList<>(); // quiet devices: state must still level off
        settings.malformedRate = 0.001;
        settings.lateRate = 0.0005;
        settings.duration = Duration.ofDays(730); // more than a 30-minute soak sends
        Simulation simulation = new Simulation(settings);
        int devices = simulation.city().deviceCount();
        try (TestBroker broker = TestBroker.start().withCityTopics()) {
            // each injected unknown device (a new one every few hundred readings) is held for
            // unknown-hold in wall-clock time, and the rules' clock waits for it: at 1,500 times
            // real time 30 s hold 12 h of the city's readings, which grows with the rate, not the
            // devices. A second still runs the hold on every one of them.
            KafkaJob job =
                    new KafkaJob(broker, "citywatch-soak")
                            .set("checkpoint-interval", "2s")
                            .set("unknown-hold", "1s");
            job.bounded = false;
            // the producer sends at the soak's rate (about 2 h of event time a second: hours per
            // minute would leave most of the state in readings waiting for the next watermark);
            // the job reads as fast as it can, as it would in production: a reader that slept
            // between records would also answer the watermark alignment late
            job.readingsPerSecond = 10 * READINGS_PER_SECOND;
            KafkaJob.resetPacedReadings();
            AtomicBoolean soaking = new AtomicBoolean(true);
            AtomicBoolean settling = new AtomicBoolean(false);
            KafkaOutput output = new KafkaOutput(broker.client(), 0, READINGS_PER_SECOND);
            AtomicLong simTs = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread producer =
                    new Thread(
                            () -> {
                                try {
                                    output.send(
                                            simulation,
                                            p -> {
                                                simTs.set(p.simTs());
                                                awaitJob(p.records(), soaking, settling);
                                            });
                                } catch (Throwable t) {
                                    failure.set(t);
                                }
                            },
                            "soak-producer");
            producer.setDaemon(true);
            producer.start();
            JobClient client = job.start("CityWatch soak");
            JobID id = client.getJobID();
            long start = System.nanoTime();
            List<Sample> samples = new ArrayList<>();
            try {
                while (System.nanoTime() - start < SOAK.toNanos()) {
                    Thread.sleep(Math.min(10_000, SOAK.toMillis() / 12));
                    assertThat(failure.get()).as("producer failure").isNull();
                    settling.set(true);
                    settle(cluster, id);
                    samples.add(
                            new Sample(
                                    (System.nanoTime() - start) / 1_000_000,
                                    simTs.get(),
                                    stateBytes(cluster, id),
                                    heapAfterGc()));
                    System.out.println("soak-ops: " + stateByOperator(cluster, id).values());
                    settling.set(false);
                }
                assertThat(KafkaJob.failures(cluster, id)).as("restarts").isZero();
                stateByOperator(cluster, id)
                        .forEach(
                                (name, bytes) ->
                                        System.out.println("soak: " + bytes + " B " + name));
            } finally {
                soaking.set(false);
                output.stop();
                client.cancel().get();
            }
            System.out.printf(
                    "soak: %d devices, %s of event time in %s%n",
                    devices, Duration.ofMillis(simTs.get() - settings.startMs()), SOAK);
            samples.forEach(s -> System.out.println("soak: " + s));

            // long enough to pass the longest windows (1 h rain sums, 10 min clear-after) twice
            assertThat(Duration.ofMillis(simTs.get() - settings.startMs()))
                    .isGreaterThan(Duration.ofHours(3));
            int n = samples.size();
            List<Sample> middle = samples.subList(n / 3, 2 * n / 3);
            List<Sample> last = samples.subList(2 * n / 3, n);
            // medians: what is still held at rest (the last out-of-orderness of readings, open
            // windows) swings with the moment; a leak moves the median, a swing does not
            long middleState = median(middle, Sample::stateBytes);
            long lastState = median(last, Sample::stateBytes);
            assertThat(lastState).as("checkpointed state, last third").isPositive();
            assertThat(lastState).isLessThanOrEqualTo(middleState * 3 / 2);
            assertThat(lastState / devices).isLessThan(MAX_STATE_BYTES_PER_DEVICE);
            long middleHeap = middle.stream().mapToLong(Sample::heapBytes).max().orElseThrow();
            long lastHeap = last.stream().mapToLong(Sample::heapBytes).max().orElseThrow();
            assertThat(lastHeap).as("heap after GC").isLessThan(middleHeap * 3 / 2 + (64 << 20));
        }
    }

    private static long median(List<Sample> samples, ToLongFunction<Sample> value) {
        long[] sorted = samples.stream().mapToLong(value).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /**
     * Holds the producer while the job is more than {@link #MAX_BACKLOG} readings behind, and while
     * a sample is taken.
     */
    private static void awaitJob(long sent, AtomicBoolean soaking, AtomicBoolean settling) {
        try {
            while (soaking.get()
                    && (settling.get() || sent - KafkaJob.pacedReadings() > MAX_BACKLOG)) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits (the producer paused) until the job has read everything sent — its readings count
     * stands still for a second — and then for two checkpoints, the second one begun after the
     * records in flight reached the rules.
     */
    private static void settle(MiniCluster cluster, JobID job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long read = -1;
        while (KafkaJob.pacedReadings() != read) {
            assertThat(System.nanoTime()).as("the job reads what was sent").isLessThan(deadline);
            read = KafkaJob.pacedReadings();
            Thread.sleep(1_000);
        }
        long completed = completedCheckpoints(cluster, job);
        while (completedCheckpoints(cluster, job) < completed + 2) {
            assertThat(System.nanoTime()).as("two checkpoints at rest").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static long completedCheckpoints(MiniCluster cluster, JobID job) throws Exception {
        var stats = cluster.getExecutionGraph(job).get().getCheckpointStatsSnapshot();
        return stats == null ? 0 : stats.getCounts().getNumberOfCompletedCheckpoints();
    }

    /** The full size of the latest completed checkpoint (all keyed and operator state). */
    private static long stateBytes(MiniCluster cluster, JobID job) throws Exception {
        var stats = cluster.getExecutionGraph(job).get().getCheckpointStatsSnapshot();
        CompletedCheckpointStats latest =
                stats == null ? null : stats.getHistory().getLatestCompletedCheckpoint();
        return latest == null ? 0 : latest.getStateSize();
    }

    /** The latest checkpoint's state per operator chain, largest first. */
    private static Map<String, Long> stateByOperator(MiniCluster cluster, JobID job)
            throws Exception {
        var graph = cluster.getExecutionGraph(job).get();
        CompletedCheckpointStats latest =
                graph.getCheckpointStatsSnapshot().getHistory().getLatestCompletedCheckpoint();
        Map<String, Long> sizes = new LinkedHashMap<>();
        if (latest == null) {
            return sizes;
        }
        latest.getAllTaskStateStats().stream()
                .sorted((a, b) -> Long.compare(b.getStateSize(), a.getStateSize()))
                .limit(8)
                .forEach(
                        task ->
                                sizes.put(
                                        graph.getJobVertex(task.getJobVertexId()).getName(),
                                        task.getStateSize()));
        return sizes;
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
