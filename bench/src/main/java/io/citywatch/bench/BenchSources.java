package io.citywatch.bench;

import io.citywatch.jobs.io.JobSources;
import io.citywatch.jobs.io.RawRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

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
    public DataStream<RawRecord> readings(StreamExecutionEnvironment env) {
        return source(env, topics.readings, "readings", READINGS_METER);
    }

    @Override
    public DataStream<RawRecord> incidents(StreamExecutionEnvironment env) {
        return source(env, topics.incidents, "incidents", null);
    }

    @Override
    public DataStream<RawRecord> registry(StreamExecutionEnvironment env) {
        return source(env, topics.registry, "registry", null);
    }

    @Override
    public DataStream<RawRecord> actions(StreamExecutionEnvironment env) {
        return source(env, topics.actions, "actions", null);
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
            StreamExecutionEnvironment env, String topic, String stream, String meter) {
        KafkaSourceBuilder<RawRecord> builder =
                KafkaSource.<RawRecord>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setGroupId(groupId)
                        .setTopics(topic)
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new MeteredRawRecords(meter));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(
                        builder.build(),
                        WatermarkStrategy.noWatermarks(),
                        stream + ": Kafka " + topic)
                .uid(stream + ".source");
    }

    /** As the production deserializer: the record's text, offset and Kafka timestamp. */
    static final class MeteredRawRecords implements KafkaRecordDeserializationSchema<RawRecord> {
        private final String meterName;
        private transient Meter meter;

        MeteredRawRecords(String meterName) {
            this.meterName = meterName;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
            if (meterName != null) {
                if (meter == null) {
                    meter = Meter.named(meterName);
                }
                meter.mark();
            }
            String text =
                    record.value() == null
                            ? ""
                            : new String(record.value(), StandardCharsets.UTF_8);
            out.collect(new RawRecord(text, record.offset(), record.timestamp()));
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return TypeInformation.of(RawRecord.class);
        }
    }
}
