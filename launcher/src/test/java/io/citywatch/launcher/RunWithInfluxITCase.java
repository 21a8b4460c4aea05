package io.citywatch.launcher;

import io.citywatch.common.topic.CityTopics;
import io.citywatch.influxd.LocalInfluxd;
import io.citywatch.simulator.KafkaOutput;
import io.citywatch.simulator.Scenarios;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run} with InfluxDB output: measurements land in a real influxd, and a point the server
 * rejects comes back on the dead-letter topic as {@code influx_rejected}.
 */
class RunWithInfluxITCase {
    @TempDir Path folder;

    @Test
    void writesTheMeasurementsAndDeadLettersRejectedPointsOnKafka() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.duration = Duration.ofMinutes(30);
        settings.scenarios =
                List.of(new SimulatorSettings.Planned(Scenarios.named("fire_confirmed"), 5));
        List<String> rejected = new CopyOnWriteArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (LocalInfluxd influx = LocalInfluxd.start(folder)) {
            influx.execute("CREATE DATABASE citywatch");
            // a string where the job writes an integer: InfluxDB rejects every alert point
            influx.writeRaw("citywatch", "alert,rule=seed version=\"text\" 1783987200000");
            try (LiveCity city =
                            LiveCity.start(
                                    Map.of(
                                            "idleness", "2s",
                                            "checkpoint-interval", "2s",
                                            "influx-url", influx.url(),
                                            "influx-api", "v1",
                                            "influx-db", "citywatch",
                                            "influx-flush-interval", "200ms"),
                                    new Simulation(settings).registryLines());
                    TopicFeed feed =
                            new TopicFeed(
                                    city.client(),
                                    List.of(CityTopics.DEADLETTER),
                                    (topic, text) -> {
                                        try {
                                            if ("influx_rejected"
                                                    .equals(
                                                            json.readTree(text)
                                                                    .path("reason")
                                                                    .asText())) {
                                                rejected.add(text);
                                            }
                                        } catch (Exception e) {
                                            throw new IllegalStateException(text, e);
                                        }
                                    })) {
                new KafkaOutput(city.client(), 300, 0).send(new Simulation(settings), p -> {});
                waitFor(
                        Duration.ofSeconds(120),
                        () ->
                                !rejected.isEmpty()
                                        && rows(influx, "SELECT * FROM risk_point_1m LIMIT 1") > 0);
            }
            assertThat(rows(influx, "SELECT * FROM risk_point_1m LIMIT 1")).isPositive();
            assertThat(rejected)
                    .isNotEmpty()
                    .allSatisfy(text -> assertThat(text).contains("alert,"));
        }
    }

    private static long rows(LocalInfluxd influx, String query) {
        try {
            return influx.query("citywatch", query).size();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void waitFor(Duration timeout, BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }
}
