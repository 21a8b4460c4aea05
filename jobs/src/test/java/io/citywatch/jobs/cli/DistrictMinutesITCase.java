package io.citywatch.jobs.cli;

import io.citywatch.jobs.testing.InfluxServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code district_1m} counts readings, faults and distinct devices reporting over every risk point
 * of a district, though the district window only sees each risk point's minute: a device that
 * reports twice in a minute counts once, a risk point in another district not at all.
 */
class DistrictMinutesITCase {
    @TempDir static Path folder;
    static InfluxServer influx;

    static final Instant T0 = Instant.parse("2026-07-14T00:00:00Z");

    @BeforeAll
    static void start() throws Exception {
        influx = InfluxServer.start(folder.resolve("influx"));
    }

    @AfterAll
    static void stop() throws Exception {
        influx.close();
    }

    @Test
    void districtMinutesSumTheirRiskPointsAndCountEachDeviceOnce() throws Exception {
        Path input = Files.createDirectories(folder.resolve("districts"));
        Files.write(
                input.resolve("registry.jsonl"),
                List.of(
                        riskPoint("rp-a", "Yuzhong", "a1", "a2"),
                        riskPoint("rp-b", "Yuzhong", "b1"),
                        riskPoint("rp-c", "Jiangbei", "c1")));
        List<String> readings = new ArrayList<>();
        // minute 0: every device twice; b1 once out of its span (a fault), once in it
        for (String device : List.of("a1", "a2", "c1")) {
            readings.add(temperature(device, 20.0, 5));
            readings.add(temperature(device, 21.0, 35));
        }
        readings.add(temperature("b1", 5000.0, 10));
        readings.add(temperature("b1", 22.0, 40));
        // minute 1: one device of Yuzhong; minute 2: one of Jiangbei closes minute 1
        readings.add(temperature("a1", 23.0, 70));
        readings.add(temperature("c1", 20.0, 130));
        Files.write(input.resolve("readings.jsonl"), readings);

        influx.execute("CREATE DATABASE districts");
        InfluxReplays.replayFolder(influx, input, "districts", folder);

        List<Map<String, Object>> rows =
                influx.query(
                        "districts",
                        "SELECT readings, faults, devicesReporting FROM district_1m"
                                + " GROUP BY district");
        assertThat(rows)
                .containsExactlyInAnyOrder(
                        row("Jiangbei", 0, 2, 0, 1),
                        row("Jiangbei", 2, 1, 0, 1),
                        row("Yuzhong", 0, 6, 1, 3),
                        row("Yuzhong", 1, 1, 0, 1));
    }

    private static Map<String, Object> row(
            String district, int minute, long readings, long faults, long devices) {
        return Map.of(
                "district",
                district,
                "time",
                T0.toEpochMilli() + minute * 60_000L,
                "readings",
                readings,
                "faults",
                faults,
                "devicesReporting",
                devices);
    }

    private static String riskPoint(String id, String district, String... devices) {
        StringBuilder list = new StringBuilder();
        for (String device : devices) {
            list.append(list.length() == 0 ? "" : ",")
                    .append("{\"deviceId\":\"")
                    .append(device)
                    .append("\",\"type\":\"temperature\"}");
        }
        return String.format(
                Locale.ROOT,
                "{\"riskPointId\":\"%s\",\"kind\":\"high_rise\",\"name\":\"%s\",\"district\":\"%s\","
                        + "\"lat\":29.56,\"lon\":106.55,\"reportingPeriodSec\":60,\"devices\":[%s]}",
                id,
                id,
                district,
                list);
    }

    private static String temperature(String device, double value, long seconds) {
        return String.format(
                Locale.ROOT,
                "{\"deviceId\":\"%s\",\"type\":\"temperature\",\"value\":%s,\"ts\":\"%s\"}",
                device,
                value,
                T0.plusSeconds(seconds));
    }
}
