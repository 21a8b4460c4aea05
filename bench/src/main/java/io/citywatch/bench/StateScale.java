package io.citywatch.bench;

import io.citywatch.common.model.DeviceSpec;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.common.time.EventTimes;
import io.citywatch.jobs.config.CityWatchOptions;
import io.citywatch.jobs.config.Settings;

import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Figure 6: keyed state per registered device with RocksDB. A synthetic city of {@code devices}
 * devices (the simulator's device mix, quiet values, reporting every minute) sends two rounds of
 * readings; then one full checkpoint: its size ÷ devices, its duration, and the heap in use.
 */
final class StateScale {
    private static final long START = EventTimes.parseIso("2026-07-14T00:00:00Z");
    private static final long PERIOD_MS = 60_000;
    private static final int ROUNDS = 2;

    /**
     * Event time of the reading that settles the city: its watermark (30 s behind) passes the last
     * round (up to 119 s) but no device's offline deadline (last reading + 180 s).
     */
    private static final long SETTLE_PROBE_MS = 200_000;

    /** Device types per kind, as the simulator equips its risk points. */
    private static final Map<RiskPointKind, SensorType[]> DEVICES =
            Map.of(
                    RiskPointKind.high_rise,
                    new SensorType[] {
                        SensorType.SMOKE, SensorType.TEMPERATURE, SensorType.SMOKE,
                        SensorType.TEMPERATURE, SensorType.MANUAL_CALL, SensorType.WATER_PRESSURE,
                        SensorType.PUMP_RUNNING, SensorType.HEARTBEAT
                    },
                    RiskPointKind.slope,
                    new SensorType[] {
                        SensorType.DISPLACEMENT, SensorType.DISPLACEMENT, SensorType.CRACK_WIDTH,
                        SensorType.TILT, SensorType.RAINFALL, SensorType.BATTERY
                    },
                    RiskPointKind.river_station,
                    new SensorType[] {
                        SensorType.WATER_LEVEL, SensorType.RAINFALL, SensorType.HEARTBEAT
                    },
                    RiskPointKind.underpass,
                    new SensorType[] {
                        SensorType.WATER_DEPTH,
                        SensorType.WATER_DEPTH,
                        SensorType.RAINFALL,
                        SensorType.HEARTBEAT
                    },
                    RiskPointKind.gas_network,
                    new SensorType[] {
                        SensorType.METHANE,
                        SensorType.METHANE,
                        SensorType.METHANE,
                        SensorType.HEARTBEAT
                    },
                    RiskPointKind.bridge,
                    new SensorType[] {
                        SensorType.STRAIN,
                        SensorType.STRAIN,
                        SensorType.DEFLECTION,
                        SensorType.VIBRATION,
                        SensorType.HEARTBEAT
                    });

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Each operator its own task, so that the checkpoint says what each one keeps (chained, the
     * device-keyed rules are one task and one figure). Slower: every record crosses each edge
     * serialized, so only the state figures of such a run mean anything.
     */
    private static final boolean BY_OPERATOR =
            Boolean.getBoolean("citywatch.bench.state-by-operator");

    private StateScale() {}

    record Result(
            int devices,
            long readings,
            long stateBytes,
            long settledStateBytes,
            long alerts,
            long deadLetters,
            Map<String, Long> outputsByKind,
            long checkpointMillis,
            long heapBytes,
            double ingestSeconds,
            Map<String, Long> largestOperators,
            Map<String, Long> settledLargestOperators) {
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("devices", devices);
            json.put("readings", readings);
            json.put("checkpoint_state_bytes", stateBytes);
            json.put("bytes_per_device", Report.round((double) stateBytes / devices, 1));
            if (settledStateBytes >= 0) {
                json.put("settled_state_bytes", settledStateBytes);
                json.put(
                        "settled_bytes_per_device",
                        Report.round((double) settledStateBytes / devices, 1));
            } else {
                json.put("settled_error", "the settling checkpoint did not complete in time");
            }
            // a quiet city in event-time order: none of either, or the figure is not idle state
            json.put("alerts", alerts);
            json.put("dead_letters", deadLetters);
            if (!outputsByKind.isEmpty()) {
                json.put("alerts_and_dead_letters_by_kind", outputsByKind);
            }
            json.put("checkpoint_ms", checkpointMillis);
            json.put("heap_in_use_bytes", heapBytes);
            json.put("ingest_seconds", Report.round(ingestSeconds, 1));
            json.put("largest_operators_bytes", largestOperators);
            json.put("settled_largest_operators_bytes", settledLargestOperators);
            return json;
        }
    }

    /**
     * One run at {@code deviceTarget} devices within {@code timeout}; {@code idleness} (null: the
     * job's default) is how long the sources that never get a record take to stop holding the
     * watermark, which the settled checkpoint waits for.
     */
    static Result run(BenchKafka kafka, int deviceTarget, Duration timeout, Duration idleness)
            throws Exception {
        List<RiskPoint> registry = city(deviceTarget);
        int devices = registry.stream().mapToInt(p -> p.devices.size()).sum();
        String prefix = "scale-" + devices;
        BenchKafka.Topics topics = kafka.createTopics(prefix);
        List<DeviceSpec> settleProbes =
                onePerPartition(
                        kafka,
                        topics.readings,
                        registry.stream().flatMap(p -> p.devices.stream()).toList());
        long readings = send(kafka, topics.readings, registry);
        Meter source = Meter.reset(BenchSources.READINGS_METER);
        try (BenchCluster cluster = BenchCluster.start(1, Duration.ofHours(1), true)) {
            StreamExecutionEnvironment env = cluster.env(1);
            if (BY_OPERATOR) {
                env.disableOperatorChaining();
            }
            Settings settings =
                    JobRuns.settings(
                            kafka.bootstrapServers(),
                            topics,
                            prefix,
                            "at-least-once",
                            idleness == null
                                    ? Map.of()
                                    : Map.of(
                                            CityWatchOptions.IDLENESS.key(),
                                            idleness.toMillis() + " ms"));
            JobRuns.job(
                            settings,
                            registry,
                            new BenchSources(kafka.bootstrapServers(), topics, prefix, false),
                            null,
                            Long.MAX_VALUE)
                    .build(env);
            registry = null;
            long started = System.nanoTime();
            JobID job = cluster.submit(env, "bench: state at " + devices + " devices");
            long deadline = started + timeout.toNanos();
            while (source.count() < readings) {
                if (System.nanoTime() > deadline) {
                    cluster.cancel(job);
                    throw new IllegalStateException(
                            "state scale: "
                                    + source.count()
                                    + " of "
                                    + readings
                                    + " readings within "
                                    + timeout);
                }
                Thread.sleep(200);
            }
            // the barrier follows every record read: the checkpoint holds them all processed
            CompletedCheckpointStats checkpoint =
                    cluster.checkpoint(
                            job, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            double ingestSeconds = (System.nanoTime() - started) / 1e9;
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            long heap = runtime.totalMemory() - runtime.freeMemory();
            Map<String, Long> largest = largestOperators(cluster, job, checkpoint);
            long settled;
            Map<String, Long> settledLargest = Map.of();
            try {
                CompletedCheckpointStats settledCheckpoint =
                        settledCheckpoint(
                                kafka,
                                topics.readings,
                                settleProbes,
                                readings,
                                cluster,
                                job,
                                // the sources start some seconds after the submission
                                started
                                        + settings.get(CityWatchOptions.IDLENESS)
                                                .plusSeconds(15)
                                                .toNanos(),
                                deadline);
                settled = settledCheckpoint.getStateSize();
                settledLargest = largestOperators(cluster, job, settledCheckpoint);
            } catch (IllegalStateException e) {
                settled = -1; // reported as not settled within the figure's time
            }
            long alerts = recordsIn(kafka, topics.alerts);
            long deadLetters = recordsIn(kafka, topics.deadletter);
            Map<String, Long> outputsByKind = new TreeMap<>();
            if (alerts > 0) {
                outputsByKind.putAll(countByField(kafka, topics.alerts, "ruleId", "alert "));
            }
            if (deadLetters > 0) {
                outputsByKind.putAll(
                        countByField(kafka, topics.deadletter, "reason", "dead letter "));
            }
            cluster.cancel(job);
            return new Result(
                    devices,
                    readings,
                    checkpoint.getStateSize(),
                    settled,
                    alerts,
                    deadLetters,
                    outputsByKind,
                    checkpoint.getEndToEndDuration(),
                    heap,
                    ingestSeconds,
                    largest,
                    settledLargest);
        }
    }

    /**
     * The state once every reading is taken: at the first checkpoint about half the devices still
     * have their last reading waiting for the watermark (30 s behind, readings every 60 s) in each
     * rule that orders readings. One later reading on every partition (event time is per partition)
     * moves the watermark past them all, not yet far enough for any device to be offline; the next
     * checkpoint holds what a device costs at rest, once the job's sources without records count as
     * idle ({@code quietSourcesIdle}, System.nanoTime()).
     */
    private static CompletedCheckpointStats settledCheckpoint(
            BenchKafka kafka,
            String topic,
            List<DeviceSpec> probes,
            long readings,
            BenchCluster cluster,
            JobID job,
            long quietSourcesIdle,
            long deadline)
            throws Exception {
        try (KafkaProducer<String, String> producer = kafka.producer(0)) {
            for (DeviceSpec device : probes) {
                producer.send(quietReading(topic, device, START + SETTLE_PROBE_MS)).get();
            }
        }
        // the running source counts in the meter it looked up when it started
        Meter source = Meter.named(BenchSources.READINGS_METER);
        while (source.count() < readings + probes.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the settling reading was not read in time");
            }
            Thread.sleep(50);
        }
        // periodic watermarks every 200 ms: give the probe's watermark time to fire the timers.
        // The sources that never get a record (incidents, actions) hold the alert stream's
        // watermark, and with it the risk_point_1m windows, until they count as idle: at rest
        // they have long been.
        Thread.sleep(Math.max(2_000, (quietSourcesIdle - System.nanoTime()) / 1_000_000 + 2_000));
        return cluster.checkpoint(job, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }

    /** For each partition of {@code topic}, a device whose readings the producer sends there. */
    private static List<DeviceSpec> onePerPartition(
            BenchKafka kafka, String topic, List<DeviceSpec> devices) {
        int partitions;
        Properties client = new Properties();
        client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        client, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            partitions = consumer.partitionsFor(topic).size();
        }
        Map<Integer, DeviceSpec> byPartition = new TreeMap<>();
        for (DeviceSpec device : devices) {
            // the default partitioner's choice for a keyed record
            byte[] key = device.deviceId.getBytes(StandardCharsets.UTF_8);
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(key)) % partitions, device);
            if (byPartition.size() == partitions) {
                break;
            }
        }
        return new ArrayList<>(byPartition.values());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(BenchKafka kafka) {
        Properties client = new Properties();
        client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaConsumer<>(
                client, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitionsOf(
            KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    /** How many records a topic holds: a quiet city raises no alert. */
    private static long recordsIn(BenchKafka kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            return consumer.endOffsets(partitionsOf(consumer, topic)).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    /**
     * What a figure that should write nothing wrote, by one JSON field (the first 10,000 records of
     * the topic), with the first record's detail: what to look at when it is not zero.
     */
    private static Map<String, Long> countByField(
            BenchKafka kafka, String topic, String field, String prefix) {
        Map<String, Long> counts = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read < 10_000
                    && System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode json = JSON.readTree(record.value());
                    counts.merge(prefix + json.path(field).asText(), 1L, Long::sum);
                    if (read++ == 0) {
                        System.out.println(
                                "citywatch bench: state scale wrote to "
                                        + topic
                                        + ", first: "
                                        + new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (java.io.IOException e) {
            counts.put(prefix + "unreadable", 1L);
        }
        return counts;
    }

    private static Map<String, Long> largestOperators(
            BenchCluster cluster, JobID job, CompletedCheckpointStats checkpoint) throws Exception {
        AccessExecutionGraph graph = cluster.graph(job);
        List<TaskStateStats> tasks = new ArrayList<>(checkpoint.getAllTaskStateStats());
        tasks.sort(Comparator.comparingLong(TaskStateStats::getStateSize).reversed());
        Map<String, Long> largest = new LinkedHashMap<>();
        for (TaskStateStats task : tasks.subList(0, Math.min(BY_OPERATOR ? 40 : 6, tasks.size()))) {
            largest.put(graph.getJobVertex(task.getJobVertexId()).getName(), task.getStateSize());
        }
        return largest;
    }

    /** Risk points of every kind in turn until {@code target} devices are registered. */
    static List<RiskPoint> city(int target) {
        List<RiskPoint> points = new ArrayList<>();
        RiskPointKind[] kinds = RiskPointKind.values();
        int devices = 0;
        for (int i = 0; devices < target; i++) {
            RiskPointKind kind = kinds[i % kinds.length];
            RiskPoint point = new RiskPoint();
            point.riskPointId = String.format(Locale.ROOT, "rp-s-%07d", i);
            point.kind = kind;
            point.name = "Synthetic " + kind + " " + i;
            point.district = "District " + (i % 9);
            point.grid = "g-" + (i % 400);
            point.lat = 29.3 + (i % 1000) * 0.0007;
            point.lon = 106.3 + (i / 1000 % 1000) * 0.0007;
            point.reportingPeriodSec = (int) (PERIOD_MS / 1000);
            SensorType[] types = DEVICES.get(kind);
            for (int d = 0; d < types.length && devices < target; d++) {
                String zone = kind == RiskPointKind.high_rise ? "F" + (d / 2 + 1) : null;
                point.devices.add(new DeviceSpec(point.riskPointId + "-d" + d, types[d], zone));
                devices++;
            }
            if (kind == RiskPointKind.river_station) {
                point.thresholds.put("flood.warning", 8.0);
                point.thresholds.put("flood.guarantee", 9.0);
                point.thresholds.put("flood.record", 10.0);
            }
            points.add(point);
        }
        return points;
    }

    /**
     * Two rounds of quiet readings, each device at its own second within the minute, sent in
     * event-time order: out of order by more than the job's 30 s bound, readings would be
     * dead-lettered as late and their devices counted with no state at all.
     */
    private static long send(BenchKafka kafka, String topic, List<RiskPoint> registry) {
        List<DeviceSpec> devices = registry.stream().flatMap(p -> p.devices.stream()).toList();
        long sent = 0;
        try (KafkaProducer<String, String> producer = kafka.producer(20)) {
            for (int round = 0; round < ROUNDS; round++) {
                for (int second = 0; second < 60; second++) {
                    for (int index = second; index < devices.size(); index += 60) {
                        DeviceSpec device = devices.get(index);
                        long ts = START + round * PERIOD_MS + second * 1000L;
                        producer.send(quietReading(topic, device, ts));
                        sent++;
                    }
                }
            }
            producer.flush();
        }
        return sent;
    }

    private static ProducerRecord<String, String> quietReading(
            String topic, DeviceSpec device, long ts) {
        return new ProducerRecord<>(
                topic,
                device.deviceId,
                "{\"deviceId\":\""
                        + device.deviceId
                        + "\",\"type\":\""
                        + device.type.wireName()
                        + "\",\"value\":"
                        + quiet(device.type)
                        + ",\"ts\":"
                        + ts
                        + "}");
    }

    private static double quiet(SensorType type) {
        return switch (type) {
            case SMOKE -> 0.1;
            case TEMPERATURE -> 24.0;
            case WATER_PRESSURE -> 0.45;
            case PUMP_RUNNING, MANUAL_CALL -> 0;
            case DISPLACEMENT -> 1.2;
            case CRACK_WIDTH -> 3.0;
            case TILT -> 0.2;
            case RAINFALL -> 0;
            case WATER_LEVEL -> 5.0;
            case WATER_DEPTH -> 0;
            case METHANE -> 0.5;
            case STRAIN -> 120;
            case DEFLECTION -> 4;
            case VIBRATION -> 1.5;
            case BATTERY -> 88;
            case HEARTBEAT -> 1;
        };
    }
}
