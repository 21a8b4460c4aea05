package io.citywatch.bench;

import io.citywatch.jobs.io.JobSources;
import io.citywatch.jobs.io.KafkaTopics;
import io.citywatch.jobs.io.RawRecord;
import io.citywatch.jobs.io.RegistryBacklog;
import io.citywatch.jobs.io.RegistryTopic;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Properties;

/**
 * The job's Kafka sources as production has them (raw text, decoded in the job), bounded to what
 * the topics hold when {@code bounded}, with a meter on the readings.
 */
public final class BenchSources implements JobSources {
    public static final String READINGS_METER = "source.readings";

    private final String bootstrapServers;
    private final BenchKafka.Topics topics;
    private final String groupId;
    private final boolean bounded;

    public BenchSources(
            String bootstrapServers, BenchKafka.Topics topics, String groupId, boolean bounded) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.groupId = groupId;
        this.bounded = bounded;
    }

    @Override
    public DataStream<RawRecord> readings(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime) {
        return source(env, topics.readings, "readings", READINGS_METER, eventTime);
    }

    @Override
    public DataStream<RawRecord> incidents(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime) {
        return source(env, topics.incidents, "incidents", null, eventTime);
    }

    @Override
    public DataStream<RawRecord> registry(StreamExecutionEnvironment env) {
        return source(env, topics.registry, "registry", null, WatermarkStrategy.noWatermarks());
    }

    @Override
    public DataStream<RawRecord> actions(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime) {
        return source(env, topics.actions, "actions", null, eventTime);
    }

    @Override
    public boolean bounded() {
        return bounded;
    }

    @Override
    public RegistryBacklog.Source registryBacklog() {
        return new RegistryTopic.Reader(bootstrapServers, new Properties(), topics.registry);
    }

    @Override
    public String readingsTopic() {
        return topics.readings;
    }

    @Override
    public String incidentsTopic() {
        return topics.incidents;
    }

    @Override
    public String registryTopic() {
        return topics.registry;
    }

    @Override
    public String actionsTopic() {
        return topics.actions;
    }

    private DataStream<RawRecord> source(
            StreamExecutionEnvironment env,
            String topic,
            String stream,
            String meter,
            WatermarkStrategy<RawRecord> eventTime) {
        boolean registry = stream.equals("registry");
        KafkaSourceBuilder<RawRecord> builder =
                KafkaTopics.rawSource(bootstrapServers, new Properties(), topic, registry)
                        .setGroupId(groupId)
                        .setStartingOffsets(OffsetsInitializer.earliest());
        if (meter != null) {
            builder.setDeserializer(new MeteredRawRecords(meter, registry));
        }
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), eventTime, stream + ": Kafka " + topic)
                .uid(stream + ".source");
    }

    /** The production deserializer, with a meter on what it reads. */
    static final class MeteredRawRecords implements KafkaRecordDeserializationSchema<RawRecord> {
        private final String meterName;
        private final KafkaTopics.RawRecords records;
        private transient Meter meter;

        MeteredRawRecords(String meterName, boolean registryTombstones) {
            this.meterName = meterName;
            this.records = new KafkaTopics.RawRecords(registryTombstones);
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out)
                throws java.io.IOException {
            if (meter == null) {
                meter = Meter.named(meterName);
            }
            meter.mark();
            records.deserialize(record, out);
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return TypeInformation.of(RawRecord.class);
        }
    }
}
