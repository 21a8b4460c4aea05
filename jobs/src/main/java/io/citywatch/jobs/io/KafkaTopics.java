package io.citywatch.jobs.io;

import io.citywatch.common.codec.OutputJson;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.jobs.config.CityWatchOptions;
import io.citywatch.jobs.config.ConfigException;
import io.citywatch.jobs.config.Settings;
import io.citywatch.jobs.influx.InfluxSink;
import io.citywatch.jobs.influx.RejectedPoints;
import io.citywatch.jobs.influx.RejectedPointsKafka;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/** The production sources and sinks: the Kafka topics of docs/contract.md §2-3. */
public class KafkaTopics implements JobSources, JobSinks {
    /**
     * Brokers refuse transactions longer than their {@code transaction.max.timeout.ms} (15 min by
     * default), and Flink's own default is an hour: exactly-once alerts use this unless the client
     * properties say otherwise.
     */
    static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

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
    private boolean bounded;

    private final Duration transactionTimeout;

    /** Null unless the job also writes the InfluxDB measurements. */
    private InfluxSink influx;

    public KafkaTopics(Settings settings, Properties clientProperties) {
        this.bootstrapServers = settings.required(CityWatchOptions.BOOTSTRAP_SERVERS);
        this.groupId = settings.get(CityWatchOptions.GROUP_ID);
        this.clientProperties = clientProperties;
        String delivery = settings.get(CityWatchOptions.ALERTS_DELIVERY);
        this.alertsDelivery =
                switch (delivery) {
                    case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
                    case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
                    default ->
                            throw new ConfigException(
                                    "alerts-delivery must be at-least-once or exactly-once, got "
                                            + delivery);
                };
        this.transactionTimeout = transactionTimeout(clientProperties);
        Duration checkpoints = settings.get(CityWatchOptions.CHECKPOINT_INTERVAL);
        if (alertsDelivery == DeliveryGuarantee.EXACTLY_ONCE
                && transactionTimeout.compareTo(checkpoints.multipliedBy(2)) < 0) {
            // a transaction stays open from one checkpoint to the next: a timeout near the
            // interval aborts it and loses the alerts written since
            throw new ConfigException(
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG
                            + " ("
                            + transactionTimeout.toMillis()
                            + " ms) must be at least twice checkpoint-interval ("
                            + checkpoints.toMillis()
                            + " ms) for alerts-delivery=exactly-once");
        }
        this.readings = settings.get(CityWatchOptions.READINGS_TOPIC);
        this.incidents = settings.get(CityWatchOptions.INCIDENTS_TOPIC);
        this.registry = settings.get(CityWatchOptions.REGISTRY_TOPIC);
        this.actions = settings.get(CityWatchOptions.ACTIONS_TOPIC);
        this.alerts = settings.get(CityWatchOptions.ALERTS_TOPIC);
        this.deadletter = settings.get(CityWatchOptions.DEADLETTER_TOPIC);
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
    public DataStream<RawRecord> readings(StreamExecutionEnvironment env) {
        return source(
                env,
                readings,
                "readings",
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
    }

    @Override
    public DataStream<RawRecord> incidents(StreamExecutionEnvironment env) {
        return source(
                env,
                incidents,
                "incidents",
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
    }

    /** The compacted registry is read from the start: it is the current state of the city. */
    @Override
    public DataStream<RawRecord> registry(StreamExecutionEnvironment env) {
        return source(env, registry, "registry", OffsetsInitializer.earliest());
    }

    @Override
    public DataStream<RawRecord> actions(StreamExecutionEnvironment env) {
        return source(
                env,
                actions,
                "actions",
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
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
        Properties producer = new Properties();
        producer.putAll(clientProperties);
        if (alertsDelivery == DeliveryGuarantee.EXACTLY_ONCE) {
            producer.setProperty(
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                    String.valueOf(transactionTimeout.toMillis()));
        }
        KafkaSink<Alert> sink =
                KafkaSink.<Alert>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setKafkaProducerConfig(RecordLimits.producer(producer))
                        .setDeliveryGuarantee(alertsDelivery)
                        .setTransactionalIdPrefix(groupId + "-alerts")
                        .setRecordSerializer(
                                new WallClockTimestamps<>(
                                        KafkaRecordSerializationSchema.<Alert>builder()
                                                .setTopic(alerts)
                                                .setKeySerializationSchema(new AlertKey())
                                                .setValueSerializationSchema(new AlertValue())
                                                .build()))
                        .build();
        stream.sinkTo(sink).uid("alerts.kafka").name("alerts: Kafka " + alerts);
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
                                        KafkaRecordSerializationSchema.<DeadLetter>builder()
                                                .setTopic(deadletter)
                                                .setKeySerializationSchema(new DeadLetterKey())
                                                .setValueSerializationSchema(new DeadLetterValue())
                                                .build()))
                        .build();
        stream.sinkTo(sink).uid("deadletter.kafka").name("dead letters: Kafka " + deadletter);
    }

    /** Also writes the InfluxDB measurements; rejected points become dead letters here. */
    public void writeInflux(InfluxSink sink) {
        this.influx = sink;
    }

    /** The dead-letter channel for points InfluxDB rejects, on this job's dead-letter topic. */
    public RejectedPoints rejectedPointsChannel() {
        return new RejectedPointsKafka(bootstrapServers, clientProperties, deadletter);
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
            StreamExecutionEnvironment env, String topic, String stream, OffsetsInitializer start) {
        Properties consumer = new Properties();
        consumer.putAll(clientProperties);
        // producers upstream may write in transactions: never read what they abort
        consumer.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaSourceBuilder<RawRecord> builder =
                KafkaSource.<RawRecord>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setGroupId(groupId)
                        .setTopics(topic)
                        .setProperties(consumer)
                        .setStartingOffsets(start)
                        .setDeserializer(new RawRecords(stream.equals("registry")));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        KafkaSource<RawRecord> source = builder.build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), stream + ": Kafka " + topic)
                .uid(stream + ".source");
    }

    private static Duration transactionTimeout(Properties client) {
        String configured = client.getProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        if (configured == null) {
            return DEFAULT_TRANSACTION_TIMEOUT;
        }
        try {
            return Duration.ofMillis(Long.parseLong(configured.trim()));
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG
                            + " must be milliseconds, got "
                            + configured);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // named classes, not lambdas: Flink cannot infer a lambda's SerializationSchema type

    /** Key of an alert change: its alertId, so that one alert's changes stay in order. */
    static final class AlertKey implements SerializationSchema<Alert> {
        @Override
        public byte[] serialize(Alert alert) {
            return utf8(alert.alertId);
        }
    }

    /** An alert change as the JSON of docs/contract.md §3.1. */
    static final class AlertValue implements SerializationSchema<Alert> {
        @Override
        public byte[] serialize(Alert alert) {
            return utf8(OutputJson.alert(alert));
        }
    }

    /** Key of a dead letter: the topic it came from. */
    static final class DeadLetterKey implements SerializationSchema<DeadLetter> {
        @Override
        public byte[] serialize(DeadLetter letter) {
            return utf8(letter.source);
        }
    }

    /** A dead letter as the JSON of docs/contract.md §3.2, cut to fit a record (RecordLimits). */
    static final class DeadLetterValue implements SerializationSchema<DeadLetter> {
        @Override
        public byte[] serialize(DeadLetter letter) {
            return RecordLimits.deadLetterValue(letter);
        }
    }

    /**
     * Keeps every record as text; decoding and validation happen in the job, where a failure is a
     * dead letter rather than a source exception.
     */
    static class RawRecords implements KafkaRecordDeserializationSchema<RawRecord> {
        private final boolean registryTombstones;

        RawRecords(boolean registryTombstones) {
            this.registryTombstones = registryTombstones;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
            String text;
            if (record.value() != null) {
                text = new String(record.value(), StandardCharsets.UTF_8);
            } else if (registryTombstones && record.key() != null) {
                // a compaction tombstone on the registry topic deletes its risk point
                String key = new String(record.key(), StandardCharsets.UTF_8);
                text =
                        "{\"riskPointId\":"
                                + com.fasterxml.jackson.databind.node.TextNode.valueOf(key)
                                + ",\"deleted\":true}";
            } else {
                text = "";
            }
            out.collect(new RawRecord(text, record.offset(), record.timestamp()));
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return TypeInformation.of(RawRecord.class);
        }
    }
}
