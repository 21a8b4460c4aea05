package io.citywatch.jobs.testing;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.registry.Registry;
import io.citywatch.jobs.CityWatchJob;
import io.citywatch.jobs.config.Settings;
import io.citywatch.jobs.io.JobSinks;
import io.citywatch.jobs.io.JobSources;
import io.citywatch.jobs.io.KafkaTopics;
import io.citywatch.jobs.io.RawRecord;
import io.citywatch.jobs.io.RegistryBacklog;
import io.citywatch.jobs.io.RegistryRecords;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleCatalogue;
import io.citywatch.simulator.SimRecord;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The production job against a {@link TestBroker}: {@link KafkaTopics} as sources and sinks, as
 * {@code citywatch run} wires them, with test-only operators on the readings (pacing, one injected
 * failure) plugged in through the {@link JobSources} interface.
 */
public final class KafkaJob {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Readings through the paced map since {@link #resetPacedReadings} (one JVM: MiniCluster). */
    private static final java.util.concurrent.atomic.AtomicLong PACED =
            new java.util.concurrent.atomic.AtomicLong();

    public static long pacedReadings() {
        return PACED.get();
    }

    public static void resetPacedReadings() {
        PACED.set(0);
    }

    /** Failures already thrown, by name: a restarted job must not fail again. */
    private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();

    public final Map<String, String> config = new HashMap<>();
    public final Properties clientProperties = new Properties();
    public List<RiskPoint> registry = List.of();
    public List<Rule> rules = RuleCatalogue.all();
    public double readingsPerSecond;
    public String failOnceAfterCheckpoint;
    public long failAfterReadings;
    public String savepoint;
    public int parallelism = 2;
    public JobSinks extraSinks;
    public boolean bounded = true;

    public KafkaJob(TestBroker broker, String groupId) {
        config.put("kafka.bootstrap-servers", broker.bootstrapServers());
        config.put("kafka.group-id", groupId);
        config.put("checkpoint-interval", "2s");
        clientProperties.putAll(broker.clientSecurity());
    }

    public KafkaJob set(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** The risk points of the simulator's registry records, as a registry file would give them. */
    public static List<RiskPoint> registryOf(List<SimRecord> records) {
        Registry registry = new Registry();
        for (SimRecord record : records) {
            if (record.stream() == SimRecord.Stream.REGISTRY) {
                Parsed<RegistryUpdate> update = RegistryRecords.decode(record.value());
                registry.apply(update.value());
            }
        }
        return new ArrayList<>(registry.riskPoints());
    }

    /** Builds the job into a fresh environment (which runs on the test's MiniCluster). */
    public StreamExecutionEnvironment environment() {
        Configuration flink = new Configuration();
        flink.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        if (savepoint != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        Settings settings = Settings.of(config);
        if ("exactly-once".equals(config.get("alerts-delivery"))) {
            // the broker refuses transactions longer than its transaction.max.timeout.ms (15 min
            // by default); Flink's KafkaSink asks for an hour unless told otherwise
            clientProperties.putIfAbsent("transaction.timeout.ms", "900000");
        }
        env.setParallelism(parallelism);
        env.enableCheckpointing(
                settings.get(io.citywatch.jobs.config.CityWatchOptions.CHECKPOINT_INTERVAL)
                        .toMillis());
        KafkaTopics topics = settings.kafkaTopics(clientProperties);
        if (bounded) {
            topics.boundedAtStart();
        }
        JobSinks sinks = extraSinks == null ? topics : new BothSinks(topics, extraSinks);
        new CityWatchJob(settings.jobSettings(), registry, new Instrumented(topics), sinks, rules)
                .build(env);
        return env;
    }

    public JobClient start(String name) throws Exception {
        return environment().executeAsync(name);
    }

    /** The job graph's plan as JSON, as the web UI and REST API show it. */
    public String executionPlan() {
        return environment().getExecutionPlan();
    }

    /** Completed checkpoints of a running job (0 when it is not running). */
    public static long completedCheckpoints(MiniCluster cluster, JobID job) throws Exception {
        AccessExecutionGraph graph = cluster.getExecutionGraph(job).get();
        return graph.getCheckpointStatsSnapshot() == null
                ? 0
                : graph.getCheckpointStatsSnapshot().getCounts().getNumberOfCompletedCheckpoints();
    }

    /** How many failures the job went through: {@link FlinkRest#failures}. */
    public static long failures(MiniCluster cluster, JobID job) throws Exception {
        return new FlinkRest(cluster.getRestAddress().get()).failures(job);
    }

    /** The id of the checkpoint the job last restored from, -1 for none (REST API). */
    public static long restoredCheckpoint(MiniCluster cluster, JobID job) throws Exception {
        return new FlinkRest(cluster.getRestAddress().get()).restoredCheckpoint(job);
    }

    /** Waits for {@code condition}, checking every 200 ms, failing after {@code timeout}. */
    public static void waitFor(Duration timeout, String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    /** An alert record's identity: (alertId, version). */
    public static String alertKey(String json) {
        try {
            JsonNode alert = JSON.readTree(json);
            return alert.path("alertId").asText() + "#" + alert.path("version").asInt();
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** A JSON field of an output record. */
    public static String field(String json, String name) {
        try {
            return JSON.readTree(json).path(name).asText();
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** The readings pass through a test-only map: pacing and at most one injected failure. */
    private final class Instrumented implements JobSources {
        private final KafkaTopics topics;

        Instrumented(KafkaTopics topics) {
            this.topics = topics;
        }

        @Override
        public DataStream<RawRecord> readings(
                StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime) {
            if (readingsPerSecond <= 0 && failOnceAfterCheckpoint == null) {
                return topics.readings(env, eventTime);
            }
            if (failOnceAfterCheckpoint != null) {
                FAILED.putIfAbsent(failOnceAfterCheckpoint, new AtomicBoolean());
            }
            return topics.readings(env, eventTime)
                    .map(new Paced(readingsPerSecond, failOnceAfterCheckpoint, failAfterReadings))
                    .uid("test.readings.paced")
                    .name("test: paced readings");
        }

        @Override
        public DataStream<RawRecord> incidents(
                StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime) {
            return topics.incidents(env, eventTime);
        }

        @Override
        public DataStream<RawRecord> registry(StreamExecutionEnvironment env) {
            return topics.registry(env);
        }

        @Override
        public DataStream<RawRecord> actions(
                StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime) {
            return topics.actions(env, eventTime);
        }

        @Override
        public RegistryBacklog.Source registryBacklog() {
            return topics.registryBacklog();
        }

        @Override
        public boolean bounded() {
            return topics.bounded();
        }

        @Override
        public String readingsTopic() {
            return topics.readingsTopic();
        }

        @Override
        public String incidentsTopic() {
            return topics.incidentsTopic();
        }

        @Override
        public String registryTopic() {
            return topics.registryTopic();
        }

        @Override
        public String actionsTopic() {
            return topics.actionsTopic();
        }
    }

    /**
     * Passes records on no faster than a rate; with a failure name, throws once after a checkpoint
     * has completed and {@code failAfter} records went through this attempt.
     */
    static final class Paced implements MapFunction<RawRecord, RawRecord>, CheckpointListener {
        private final double perSecond;
        private final String failure;
        private final long failAfter;
        private transient long start;
        private transient long count;
        private transient boolean checkpointed;

        Paced(double perSecond, String failure, long failAfter) {
            this.perSecond = perSecond;
            this.failure = failure;
            this.failAfter = failAfter;
        }

        @Override
        public RawRecord map(RawRecord record) throws Exception {
            if (start == 0) {
                start = System.nanoTime();
            }
            count++;
            PACED.incrementAndGet();
            if (failure != null
                    && checkpointed
                    && count >= failAfter
                    && FAILED.get(failure).compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure " + failure);
            }
            if (perSecond > 0) {
                long due = start + (long) (count * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
            return record;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }

    /** Production's Kafka sinks plus more (InfluxDB). */
    private static final class BothSinks implements JobSinks {
        private final JobSinks kafka;
        private final JobSinks more;

        BothSinks(JobSinks kafka, JobSinks more) {
            this.kafka = kafka;
            this.more = more;
        }

        @Override
        public void alerts(DataStream<io.citywatch.common.model.Alert> alerts) {
            kafka.alerts(alerts);
            more.alerts(alerts);
        }

        @Override
        public void deadLetters(DataStream<io.citywatch.common.model.DeadLetter> deadLetters) {
            kafka.deadLetters(deadLetters);
            more.deadLetters(deadLetters);
        }

        @Override
        public boolean writesInfluxPoints() {
            return more.writesInfluxPoints();
        }

        @Override
        public void influxPoints(DataStream<String> points) {
            more.influxPoints(points);
        }
    }
}
