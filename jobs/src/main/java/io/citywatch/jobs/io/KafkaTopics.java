package io.citywatch.jobs.io;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.jobs.cap.CapMessage;
import io.citywatch.jobs.influx.InfluxSink;
import io.citywatch.jobs.influx.RejectedPoints;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.HeaderProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/**
 * The production sources and sinks: the Kafka topics of docs/contract.md §2-3. Alerts and dead
 * letters carry CloudEvents headers; the CAP feed is written with the alerts' delivery guarantee.
 */
public class KafkaTopics implements JobSources, JobSinks {
    /**
     * Brokers refuse transactions longer than their {@code transaction.max.timeout.ms} (15 min by
     * default), and Flink's own default is an hour: exactly-once alerts use this unless the client
     * properties say otherwise.
     */
    static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    /** What the job's consumers fetch of one partition at a time (see rawSource). */
    static final int MAX_PARTITION_FETCH_BYTES = 256 * 1024;

    private final String bootstrapServers;
    private final String groupId;
    private final Properties clientProperties;
    private final DeliveryGuarantee alertsDelivery;
    private final String readings;
    private final String incidents;
    private final String registry;
    private final String actions;
    private final String alerts;
    private final String deadletter;
    private final String alertsCap;
    private final URI cloudEventsSource;
    private boolean bounded;

    private final Duration transactionTimeout;

    /** Null unless the job also writes the InfluxDB measurements. */
    private InfluxSink influx;

    /**
     * Fails with {@link IllegalArgumentException} when the client properties do not fit the
     * settings (exactly-once alerts need a transaction timeout well above the checkpoint interval).
     */
    public KafkaTopics(KafkaSettings settings, Properties clientProperties) {
        this.bootstrapServers = settings.bootstrapServers();
        this.groupId = settings.groupId();
        this.clientProperties = clientProperties;
        this.alertsDelivery = settings.alertsDelivery();
        this.transactionTimeout = transactionTimeout(clientProperties);
        Duration checkpoints = settings.checkpointInterval();
        if (alertsDelivery == DeliveryGuarantee.EXACTLY_ONCE
                && transactionTimeout.compareTo(checkpoints.multipliedBy(2)) < 0) {
            // a transaction stays open from one checkpoint to the next: a timeout near the
            // interval aborts it and loses the alerts written since
            throw new IllegalArgumentException(
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG
                            + " ("
                            + transactionTimeout.toMillis()
                            + " ms) must be at least twice checkpoint-interval ("
                            + checkpoints.toMillis()
                            + " ms) for alerts-delivery=exactly-once");
        }
        this.readings = settings.readingsTopic();
        this.incidents = settings.incidentsTopic();
        this.registry = settings.registryTopic();
        this.actions = settings.actionsTopic();
        this.alerts = settings.alertsTopic();
        this.deadletter = settings.deadletterTopic();
        this.alertsCap = settings.alertsCapTopic();
        this.cloudEventsSource = settings.cloudEventsSource();
    }

    /**
     * Makes every source stop at the offsets the topics have when the job starts, so that the job
     * ends once it has read them: a backfill, or a run whose whole output a test compares. A
     * restored job still stops at the offsets of its first start.
     */
    public KafkaTopics boundedAtStart() {
        this.bounded = true;
        return this;
    }

    @Override
    public DataStream<RawRecord> readings(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime) {
        return source(env, readings, "readings", committedOrEarliest(), eventTime);
    }

    @Override
    public DataStream<RawRecord> incidents(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime) {
        return source(env, incidents, "incidents", committedOrEarliest(), eventTime);
    }

    /**
     * The compacted registry is read from the start: every record is decoded (and dead-lettered
     * when broken) and counted; the job applies only those after {@link #registryBacklog()}.
     */
    @Override
    public DataStream<RawRecord> registry(StreamExecutionEnvironment env) {
        return source(
                env,
                registry,
                "registry",
                OffsetsInitializer.earliest(),
                WatermarkStrategy.noWatermarks());
    }

    @Override
    public DataStream<RawRecord> actions(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime) {
        return source(env, actions, "actions", committedOrEarliest(), eventTime);
    }

    /**
     * The registry topic read to its end as the job's registry joins start, so that the first
     * readings are judged against the registry as it stands, not against an older version seen on
     * the way.
     */
    @Override
    public RegistryBacklog.Source registryBacklog() {
        return new RegistryTopic.Reader(bootstrapServers, clientProperties, registry);
    }

    private static OffsetsInitializer committedOrEarliest() {
        return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    }

    @Override
    public boolean bounded() {
        return bounded;
    }

    @Override
    public String readingsTopic() {
        return readings;
    }

    @Override
    public String incidentsTopic() {
        return incidents;
    }

    @Override
    public String registryTopic() {
        return registry;
    }

    @Override
    public String actionsTopic() {
        return actions;
    }

    /** The delivery of the alerts topic. */
    public DeliveryGuarantee alertsDelivery() {
        return alertsDelivery;
    }

    @Override
    public void alerts(DataStream<Alert> stream) {
        KafkaSink<Alert> sink =
                alertsSink(
                        "-alerts",
                        new WallClockTimestamps<>(
                                CloudEventRecords.alerts(alerts, cloudEventsSource)));
        stream.sinkTo(sink).uid("alerts.kafka").name("alerts: Kafka " + alerts);
    }

    @Override
    public boolean writesCap() {
        return true;
    }

    @Override
    public void cap(DataStream<CapMessage> stream) {
        KafkaSink<CapMessage> sink =
                alertsSink(
                        "-alerts-cap",
                        new WallClockTimestamps<>(
                                KafkaRecordSerializationSchema.<CapMessage>builder()
                                        .setTopic(alertsCap)
                                        .setKeySerializationSchema(new CapKey())
                                        .setValueSerializationSchema(new CapValue())
                                        .setHeaderProvider(new CapContentType())
                                        .build()));
        stream.sinkTo(sink).uid("alerts.cap.kafka").name("alerts: Kafka " + alertsCap);
    }

    /** A sink with the alerts' delivery guarantee; each sink has its own transactional ids. */
    private <T> KafkaSink<T> alertsSink(
            String transactionSuffix, KafkaRecordSerializationSchema<T> records) {
        Properties producer = new Properties();
        producer.putAll(clientProperties);
        if (alertsDelivery == DeliveryGuarantee.EXACTLY_ONCE) {
            producer.setProperty(
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                    String.valueOf(transactionTimeout.toMillis()));
        }
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(RecordLimits.producer(producer))
                .setDeliveryGuarantee(alertsDelivery)
                .setTransactionalIdPrefix(groupId + transactionSuffix)
                .setRecordSerializer(records)
                .build();
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> stream) {
        KafkaSink<DeadLetter> sink =
                KafkaSink.<DeadLetter>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setKafkaProducerConfig(RecordLimits.producer(clientProperties))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .setRecordSerializer(
                                new WallClockTimestamps<>(
                                        CloudEventRecords.deadLetters(
                                                deadletter, cloudEventsSource)))
                        .build();
        stream.sinkTo(sink).uid("deadletter.kafka").name("dead letters: Kafka " + deadletter);
    }

    /** Also writes the InfluxDB measurements; rejected points become dead letters here. */
    public void writeInflux(InfluxSink sink) {
        this.influx = sink;
    }

    /** The dead-letter channel for points InfluxDB rejects, on this job's dead-letter topic. */
    public RejectedPoints rejectedPointsChannel() {
        return new RejectedPointsKafka(
                bootstrapServers, clientProperties, deadletter, cloudEventsSource);
    }

    @Override
    public boolean writesInfluxPoints() {
        return influx != null;
    }

    @Override
    public void influxPoints(DataStream<String> points) {
        points.sinkTo(influx).uid("influx.sink").name("influx: sink");
    }

    private DataStream<RawRecord> source(
            StreamExecutionEnvironment env,
            String topic,
            String stream,
            OffsetsInitializer start,
            WatermarkStrategy<RawRecord> eventTime) {
        KafkaSourceBuilder<RawRecord> builder =
                rawSource(bootstrapServers, clientProperties, topic, stream.equals("registry"))
                        .setGroupId(groupId)
                        .setStartingOffsets(start);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), eventTime, stream + ": Kafka " + topic)
                .uid(stream + ".source");
    }

    /**
     * A source of one topic's records as text, as the job reads them (committed records only); the
     * bench builds its sources from it too.
     */
    public static KafkaSourceBuilder<RawRecord> rawSource(
            String bootstrapServers,
            Properties clientProperties,
            String topic,
            boolean registryTombstones) {
        Properties consumer = new Properties();
        consumer.putAll(clientProperties);
        // producers upstream may write in transactions: never read what they abort
        consumer.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A poll drains one partition's fetched data before the next (up to this much): while a
        // backlog is read, each partition waits for the data of the others its reader fetched
        // first, and one kept waiting for longer than idleness would count as idle and see its
        // records come behind the city's clock. Kafka's 1 MiB is some 10,000 readings a
        // partition; a quarter of it keeps the rotation within seconds at little cost.
        consumer.putIfAbsent(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                String.valueOf(MAX_PARTITION_FETCH_BYTES));
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setProperties(consumer)
                .setDeserializer(new RawRecords(registryTombstones));
    }

    private static Duration transactionTimeout(Properties client) {
        String configured = client.getProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        if (configured == null) {
            return DEFAULT_TRANSACTION_TIMEOUT;
        }
        try {
            return Duration.ofMillis(Long.parseLong(configured.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG
                            + " must be milliseconds, got "
                            + configured);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // named classes, not lambdas: Flink cannot infer a lambda's SerializationSchema type

    /** Key of a CAP message: its alertId, so that one alert's messages stay in order. */
    static final class CapKey implements SerializationSchema<CapMessage> {
        @Override
        public byte[] serialize(CapMessage message) {
            return utf8(message.alertId);
        }
    }

    /** A CAP message as the XML document of docs/contract.md §3.1b. */
    static final class CapValue implements SerializationSchema<CapMessage> {
        @Override
        public byte[] serialize(CapMessage message) {
            return utf8(message.xml);
        }
    }

    /** CAP's media type, so a consumer knows the value is a CAP document without parsing it. */
    static final class CapContentType implements HeaderProvider<CapMessage> {
        static final String CAP_XML = "application/cap+xml";

        @Override
        public Headers getHeaders(CapMessage message) {
            return new RecordHeaders().add("content-type", utf8(CAP_XML));
        }
    }

    /**
     * Keeps every record as text; decoding and validation happen in the job, where a failure is a
     * dead letter rather than a source exception.
     */
    public static class RawRecords implements KafkaRecordDeserializationSchema<RawRecord> {
        private final boolean registryTombstones;

        public RawRecords(boolean registryTombstones) {
            this.registryTombstones = registryTombstones;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
            out.collect(
                    new RawRecord(
                            text(record, registryTombstones),
                            record.offset(),
                            record.timestamp(),
                            record.partition()));
        }

        /** A record's value as text; a registry tombstone as the deletion of its risk point. */
        static String text(ConsumerRecord<byte[], byte[]> record, boolean registryTombstones) {
            if (record.value() != null) {
                return new String(record.value(), StandardCharsets.UTF_8);
            }
            if (registryTombstones && record.key() != null) {
                // a compaction tombstone on the registry topic deletes its risk point
                String key = new String(record.key(), StandardCharsets.UTF_8);
                return "{\"riskPointId\":"
                        + com.fasterxml.jackson.databind.node.TextNode.valueOf(key)
                        + ",\"deleted\":true}";
            }
            return "";
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return TypeInformation.of(RawRecord.class);
        }
    }
}
