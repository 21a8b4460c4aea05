package io.citywatch.jobs.reliability;

import io.citywatch.common.codec.RegistryCodec;
import io.citywatch.common.topic.CityTopics;
import io.citywatch.jobs.testing.KafkaJob;
import io.citywatch.jobs.testing.TestBroker;
import io.citywatch.jobs.testing.TestMiniCluster;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Topics an operator created by hand keep Kafka's defaults: record timestamps set by the producer
 * and refused when further than an hour ahead of the broker's clock. Readings from a device whose
 * clock runs two days fast, and one from years ago, still give their alert and dead letter, and the
 * job never restarts: the job's records carry the time they were written, not event time.
 */
class ForeignClockITCase {
    private static final long HOUR_MS = 3_600_000L;

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestMiniCluster.oneTaskManager();

    @Test
    void eventTimesFarFromTheBrokerClockStillReachTheOutputTopics(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        Instant fast = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        List<byte[]> readings = new ArrayList<>();
        for (int hour = 0; hour < 8; hour++) {
            readings.add(waterLevel(98.0 + hour * 0.5, fast.plusSeconds(hour * 3600L)));
        }
        Instant yearsAgo = Instant.parse("2020-01-01T00:00:00Z");
        readings.add(waterLevel(90.0, yearsAgo));

        try (TestBroker broker = TestBroker.start()) {
            createTopicsWithKafkaDefaults(broker);
            broker.sendKeyed(CityTopics.REGISTRY, "rp-r", utf8(HostileKafkaITCase.REGISTRY));
            // keyed by device, as readings are: one device's records share a partition
            broker.sendRaw(CityTopics.READINGS, "lvl", readings);

            KafkaJob job = new KafkaJob(broker, "citywatch-foreign-clock");
            job.registry =
                    List.of(RegistryCodec.decode(HostileKafkaITCase.REGISTRY).value().riskPoint);
            long written = System.currentTimeMillis();
            JobClient client = job.start("CityWatch foreign clock");
            client.getJobExecutionResult().get(3, TimeUnit.MINUTES);

            assertThat(KafkaJob.failures(cluster, client.getJobID())).as("restarts").isZero();
            List<ConsumerRecord<byte[], byte[]>> alerts = broker.readAll(CityTopics.ALERTS, false);
            assertThat(alerts)
                    .extracting(record -> KafkaJob.field(value(record), "ruleId"))
                    .contains("flood.water_level");
            List<ConsumerRecord<byte[], byte[]>> deadLetters =
                    broker.readAll(CityTopics.DEADLETTER, false);
            assertThat(deadLetters)
                    .extracting(record -> KafkaJob.field(value(record), "reason"))
                    .containsExactly("late");
            List<ConsumerRecord<byte[], byte[]>> outputs = new ArrayList<>(alerts);
            outputs.addAll(deadLetters);
            assertThat(outputs)
                    .allSatisfy(
                            record ->
                                    assertThat(record.timestamp())
                                            .as("record timestamp: when written")
                                            .isBetween(
                                                    written - HOUR_MS,
                                                    System.currentTimeMillis() + HOUR_MS));
        }
    }

    private static void createTopicsWithKafkaDefaults(TestBroker broker) throws Exception {
        try (Admin admin = Admin.create(broker.client())) {
            List<NewTopic> topics = new ArrayList<>();
            for (CityTopics.Spec spec : CityTopics.ALL) {
                topics.add(
                        new NewTopic(spec.name(), spec.partitions(), (short) 1)
                                .configs(
                                        Map.of(
                                                "max.message.bytes",
                                                String.valueOf(CityTopics.MAX_MESSAGE_BYTES),
                                                "message.timestamp.type",
                                                "CreateTime",
                                                "message.timestamp.after.max.ms",
                                                String.valueOf(HOUR_MS),
                                                "message.timestamp.before.max.ms",
                                                String.valueOf(24 * HOUR_MS))));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private static byte[] waterLevel(double value, Instant ts) {
        return utf8(
                String.format(
                        "{\"deviceId\":\"lvl\",\"type\":\"water_level\",\"value\":%s,\"ts\":\"%s\"}",
                        value, ts));
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
