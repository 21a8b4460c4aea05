package io.citywatch.jobs.reliability;

import io.citywatch.common.codec.RegistryCodec;
import io.citywatch.common.topic.CityTopics;
import io.citywatch.jobs.testing.InfluxServer;
import io.citywatch.jobs.testing.KafkaJob;
import io.citywatch.jobs.testing.TestBroker;
import io.citywatch.jobs.testing.TestMiniCluster;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running job (not a replay that ends) in a city where nobody has reported an incident or acted
 * on an alert yet: the incidents and actions topics have never had a record. The minutes still
 * close while the job runs: risk_point_1m rows reach InfluxDB, so the control room's dashboards
 * fill and the windows' state goes away, instead of waiting for the first acknowledgement.
 */
class LiveMinutesITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = TestMiniCluster.oneTaskManager();

    @TempDir Path folder;

    @Test
    void minuteRowsComeWhileTheJobRunsThoughNoIncidentOrActionEverCame() throws Exception {
        Instant start = Instant.parse("2026-07-14T00:00:00Z");
        List<byte[]> readings = new ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            readings.add(
                    String.format(
                                    "{\"deviceId\":\"lvl\",\"type\":\"water_level\",\"value\":%s,"
                                            + "\"ts\":\"%s\"}",
                                    90.0 + minute * 0.1, start.plusSeconds(minute * 60L))
                            .getBytes(StandardCharsets.UTF_8));
        }
        try (TestBroker broker = TestBroker.start().withCityTopics();
                InfluxServer influx = InfluxServer.start(folder.resolve("influx"))) {
            influx.execute("CREATE DATABASE live");
            broker.sendKeyed(
                    CityTopics.REGISTRY,
                    "rp-r",
                    HostileKafkaITCase.REGISTRY.getBytes(StandardCharsets.UTF_8));
            broker.sendRaw(CityTopics.READINGS, "lvl", readings);

            KafkaJob job = new KafkaJob(broker, "citywatch-live-minutes");
            job.bounded = false;
            // quiet partitions and topics stop holding the clock after 2 s instead of a minute
            job.set("idleness", "2s");
            job.registry =
                    List.of(RegistryCodec.decode(HostileKafkaITCase.REGISTRY).value().riskPoint);
            job.extraSinks = new OutageITCase.InfluxPoints(influx.url(), "live");
            JobClient client = job.start("CityWatch live minutes");
            try {
                // minutes 0-3 are closed by the last reading's watermark (4 min − 30 s)
                KafkaJob.waitFor(
                        Duration.ofSeconds(90),
                        "risk_point_1m rows of the closed minutes",
                        () -> rows(influx) >= 3);
            } finally {
                client.cancel().get();
            }
            assertThat(rows(influx)).as("the minute still open is not written").isEqualTo(3);
        }
    }

    private static long rows(InfluxServer influx) {
        try {
            List<Map<String, Object>> count =
                    influx.query("live", "SELECT count(openAlerts) FROM risk_point_1m");
            return count.isEmpty() ? 0 : ((Number) count.get(0).get("count")).longValue();
        } catch (Exception e) {
            return 0;
        }
    }
}
