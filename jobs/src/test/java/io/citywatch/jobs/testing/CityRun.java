package io.citywatch.jobs.testing;

import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.topic.CityTopics;
import io.citywatch.simulator.SimRecord;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One run of the production job over a simulated city in topics of its own (the city's topics with
 * a suffix, in their production layout) on a shared broker: the job unbounded, as operators run it,
 * and its outputs read back once it has caught up.
 */
public final class CityRun implements AutoCloseable {
    private final TestBroker broker;
    private final MiniCluster cluster;
    private final String suffix;
    private final String group;
    private JobClient client;

    /** The settings every run shares; a test adds or overrides with {@link #job()}. */
    public final KafkaJob job;

    private CityRun(TestBroker broker, MiniCluster cluster, String name, List<RiskPoint> registry)
            throws Exception {
        this.broker = broker;
        this.cluster = cluster;
        this.suffix = "." + name;
        this.group = "citywatch-" + name;
        for (CityTopics.Spec spec : CityTopics.ALL) {
            broker.createTopics(spec.name(), spec.name() + suffix);
        }
        job = new KafkaJob(broker, group);
        for (CityTopics.Spec spec : CityTopics.ALL) {
            job.set(topicKey(spec.name()), spec.name() + suffix);
        }
        job.registry = registry;
        job.bounded = false;
    }

    /** Creates the run's topics; nothing runs yet. */
    public static CityRun create(
            TestBroker broker, MiniCluster cluster, String name, List<RiskPoint> registry)
            throws Exception {
        return new CityRun(broker, cluster, name, registry);
    }

    public KafkaJob job() {
        return job;
    }

    /** The Kafka topic of this run that stands for city topic {@code cityTopic}. */
    public String topic(String cityTopic) {
        return cityTopic + suffix;
    }

    /** Sends simulator records to this run's input topics (keyed, as the simulator sends). */
    public void send(List<SimRecord> records) {
        broker.send(records, suffix);
    }

    public JobClient start() throws Exception {
        client = job.start("CityWatch " + group);
        return client;
    }

    public JobID jobId() {
        return client.getJobID();
    }

    /**
     * Waits until the job has read and checkpointed every input record now in the topics, then
     * until its watermark has settled: every partition quiet for longer than {@code idleness}, and
     * two more checkpoints to flush what that released to the output topics.
     */
    public void awaitCaughtUp(Duration idleness, Duration timeout) throws Exception {
        for (String input : List.of(CityTopics.READINGS, CityTopics.INCIDENTS)) {
            broker.awaitCommittedToEnd(group, topic(input), timeout);
        }
        Thread.sleep(idleness.plusSeconds(2).toMillis());
        awaitTwoMoreCheckpoints(timeout);
    }

    /**
     * Waits until the alerts' clock has passed {@code ts}, then for two more checkpoints: every
     * alert change due by then is in the alerts topic. Idleness is counted in the readers' running
     * time, so on a loaded machine the wall-clock wait of {@link #awaitCaughtUp} can end before the
     * last partitions went idle and released the clock. The clock is read at the episodes: Flink's
     * input-watermark metric of the lifecycle, a two-input task, is the lower of its inputs even
     * when one of them (actions) is idle.
     */
    public void awaitClockPast(long ts, Duration timeout) throws Exception {
        FlinkRest rest = new FlinkRest(cluster.getRestAddress().get());
        long[] seen = {Long.MIN_VALUE};
        try {
            KafkaJob.waitFor(
                    timeout,
                    "the alerts' clock of " + group + " to pass " + Instant.ofEpochMilli(ts),
                    () -> {
                        try {
                            seen[0] = rest.inputWatermark(jobId(), "alerts: episodes");
                            return seen[0] >= ts;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "; it stands at " + Instant.ofEpochMilli(seen[0]), e);
        }
        awaitTwoMoreCheckpoints(timeout);
    }

    /** Two more checkpoints: what the job emitted before now is flushed to the output topics. */
    private void awaitTwoMoreCheckpoints(Duration timeout) throws Exception {
        long checkpoints = KafkaJob.completedCheckpoints(cluster, jobId());
        KafkaJob.waitFor(
                timeout,
                "two more checkpoints of " + group,
                () -> {
                    try {
                        return KafkaJob.completedCheckpoints(cluster, jobId()) >= checkpoints + 2;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    /** Stops the job with a savepoint in {@code folder}; returns its path. */
    public String stopWithSavepoint(java.nio.file.Path folder) throws Exception {
        String path =
                client.stopWithSavepoint(
                                false, folder.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(3, TimeUnit.MINUTES);
        client = null;
        return path;
    }

    /** Every alert record written so far, as text. */
    public List<String> alerts() {
        return broker.readValues(topic(CityTopics.ALERTS), false);
    }

    public List<String> deadLetters() {
        return broker.readValues(topic(CityTopics.DEADLETTER), false);
    }

    /**
     * Distinct dead letters per reason: dead letters are written at least once, and a restart
     * writes again those since its checkpoint (a dead letter carries its record whole and where it
     * came from, so a copy is the same text).
     */
    public Map<String, Long> deadLettersByReason() {
        Map<String, Long> reasons = new TreeMap<>();
        for (String letter : new java.util.HashSet<>(deadLetters())) {
            reasons.merge(KafkaJob.field(letter, "reason"), 1L, Long::sum);
        }
        return reasons;
    }

    /** Failures the job restarted from (REST API exception history). */
    public long failures() throws Exception {
        return KafkaJob.failures(cluster, jobId());
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            try {
                client.cancel().get(1, TimeUnit.MINUTES);
            } catch (Exception e) {
                // already ended
            }
            client = null;
        }
    }

    /** The `run --config` key that names city topic {@code cityTopic}. */
    public static String topicKey(String cityTopic) {
        return switch (cityTopic) {
            case CityTopics.READINGS -> "topic.readings";
            case CityTopics.INCIDENTS -> "topic.incidents";
            case CityTopics.REGISTRY -> "topic.registry";
            case CityTopics.ALERT_ACTIONS -> "topic.alert-actions";
            case CityTopics.ALERTS -> "topic.alerts";
            case CityTopics.DEADLETTER -> "topic.deadletter";
            case CityTopics.ALERTS_CAP -> "topic.alerts-cap";
            default -> throw new IllegalArgumentException(cityTopic);
        };
    }
}
