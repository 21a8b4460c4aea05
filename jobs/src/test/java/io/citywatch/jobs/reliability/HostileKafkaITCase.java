package io.citywatch.jobs.reliability;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.codec.RegistryCodec;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.topic.CityTopics;
import io.citywatch.jobs.testing.KafkaJob;
import io.citywatch.jobs.testing.Scenario;
import io.citywatch.jobs.testing.TestBroker;
import io.citywatch.jobs.testing.TestMiniCluster;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz corpus of {@link HostileInputITCase}, 10 MB record included, produced to the readings
 * topic of a real broker: every hostile record comes back on the dead-letter topic whole, record
 * for record, the good readings still raise their alert, and the job never restarts.
 */
class HostileKafkaITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = TestMiniCluster.oneTaskManager();

    @Test
    void everyHostileRecordIsDeadLetteredWholeAndTheJobNeverRestarts(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        List<byte[]> corpus = HostileInputITCase.hostileCorpus(20261129);
        assertThat(corpus)
                .anySatisfy(record -> assertThat(record.length).isGreaterThan(10_000_000));
        List<byte[]> readings = new ArrayList<>();
        for (int hour = 0; hour < 8; hour++) {
            readings.add(
                    utf8(
                            String.format(
                                    "{\"deviceId\":\"lvl\",\"type\":\"water_level\",\"value\":%s,\"ts\":\"%s\"}",
                                    98.0 + hour * 0.5, Scenario.T0.plusSeconds(hour * 3600L))));
            for (int i = hour; i < corpus.size(); i += 8) {
                readings.add(corpus.get(i));
            }
        }
        try (TestBroker broker = TestBroker.start().withCityTopics()) {
            Parsed<RegistryUpdate> registry = RegistryCodec.decode(REGISTRY);
            broker.sendKeyed(CityTopics.REGISTRY, "rp-r", utf8(REGISTRY));
            broker.sendRaw(CityTopics.READINGS, readings);

            KafkaJob job = new KafkaJob(broker, "citywatch-hostile");
            job.registry = List.of(registry.value().riskPoint);
            JobClient client = job.start("CityWatch hostile input");
            client.getJobExecutionResult().get(5, TimeUnit.MINUTES);

            assertThat(KafkaJob.failures(cluster, client.getJobID())).as("restarts").isZero();
            List<String> deadLetters = broker.readValues(CityTopics.DEADLETTER, false);
            assertThat(deadLetters).hasSize(corpus.size());
            assertThat(deadLetters)
                    .extracting(letter -> KafkaJob.field(letter, "source"))
                    .containsOnly(CityTopics.READINGS);
            // whole: what the job read, as Kafka's bytes decoded as UTF-8 (malformed bytes
            // replaced), comes back as the dead letter's raw text
            assertThat(deadLetters)
                    .extracting(letter -> KafkaJob.field(letter, "raw"))
                    .containsExactlyInAnyOrderElementsOf(
                            corpus.stream()
                                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                                    .toList());
            List<String> alerts = broker.readValues(CityTopics.ALERTS, false);
            assertThat(alerts)
                    .anySatisfy(
                            alert -> {
                                assertThat(KafkaJob.field(alert, "ruleId"))
                                        .isEqualTo("flood.water_level");
                                assertThat(KafkaJob.field(alert, "level")).isEqualTo("yellow");
                            });
        }
    }

    /** One river station with one water level gauge (ForeignClockITCase uses it too). */
    static final String REGISTRY =
            "{\"riskPointId\":\"rp-r\",\"kind\":\"river_station\",\"name\":\"R\",\"district\":\"Yuzhong\","
                    + "\"lat\":29.56,\"lon\":106.55,\"reportingPeriodSec\":3600,"
                    + "\"devices\":[{\"deviceId\":\"lvl\",\"type\":\"water_level\"}],"
                    + "\"thresholds\":{\"flood.warning\":100.0}}";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
