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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@code citywatch replay --influx-url … --influx-api v1} on the project's scenarios into a real
 * influxd 1.x, then the exact rows of every measurement with InfluxQL; a second replay into the
 * same database changes nothing (idempotent points). Also {@code district_1m} over several risk
 * points and districts, which the district window only sees as each risk point's minute.
 */
class InfluxSamplesReplayITCase {
    @TempDir static Path folder;
    static InfluxServer influx;

    static final long T0 = 1_783_987_200_000L; // 2026-07-14T00:00Z
    static final long MINUTE = 60_000L;

    @BeforeAll
    static void start() throws Exception {
        influx = InfluxServer.start(folder.resolve("influx"));
    }

    @AfterAll
    static void stop() throws Exception {
        influx.close();
    }

    @Test
    void fireSampleFillsEveryMeasurementExactlyAndAgainIdempotently() throws Exception {
        influx.execute("CREATE DATABASE fire");
        InfluxReplays.replay(influx, "fire_two_detectors", "fire", folder, "--device-aggregates");

        assertThat(
                        influx.query(
                                "fire",
                                "SELECT alertId, version, escalation, lat, lon, rule, level, status,"
                                        + " scenario, district, riskPoint, device FROM alert"))
                .containsExactly(
                        alert(
                                T0 + 10 * MINUTE,
                                "d6189cbd5fe5eb533299e1cb1bd833ef",
                                1,
                                "fire.detector_alarm",
                                "yellow",
                                "open"),
                        alert(
                                T0 + 12 * MINUTE,
                                "562a30457cdb71b725d1bc914d0f4890",
                                1,
                                "fire.confirmed",
                                "red",
                                "open"),
                        // nobody acknowledged the red alert within 5 minutes
                        alert(
                                        T0 + 17 * MINUTE,
                                        "562a30457cdb71b725d1bc914d0f4890",
                                        2,
                                        "fire.confirmed",
                                        "red",
                                        "escalated")
                                .withEscalation(1),
                        alert(
                                        T0 + 22 * MINUTE,
                                        "562a30457cdb71b725d1bc914d0f4890",
                                        3,
                                        "fire.confirmed",
                                        "red",
                                        "cleared")
                                .withEscalation(1),
                        alert(
                                T0 + 22 * MINUTE,
                                "d6189cbd5fe5eb533299e1cb1bd833ef",
                                2,
                                "fire.detector_alarm",
                                "yellow",
                                "cleared"));
        assertThat(influx.query("fire", "SELECT message FROM alert WHERE version = 1"))
                .extracting(row -> row.get("message"))
                .containsExactly(
                        "Detector p-t1-smk-12 in alarm on F12 of RP-P-TOWER-1: smoke 3.70 %/m",
                        "Fire confirmed by 2 detectors on F12 of RP-P-TOWER-1");

        assertThat(influx.query("fire", "SELECT * FROM alert_lifecycle"))
                .containsExactly(
                        lifecycle(T0 + 22 * MINUTE + 337, "fire.detector_alarm", "yellow", 0),
                        lifecycle(T0 + 22 * MINUTE + 945, "fire.confirmed", "red", 1));

        // the level of the tower minute by minute: yellow from 00:10, red from 00:12, cleared 00:22
        List<Map<String, Object>> riskPoint =
                influx.query(
                        "fire",
                        "SELECT level, openAlerts, devicesOnline, devicesTotal, kind, district,"
                                + " riskPoint FROM risk_point_1m");
        assertThat(riskPoint).hasSize(30);
        for (int minute = 0; minute < 30; minute++) {
            long level = minute < 10 ? 0 : minute < 12 ? 2 : minute < 22 ? 4 : 0;
            long open = minute < 10 ? 0 : minute < 12 ? 1 : minute < 22 ? 2 : 0;
            assertThat(riskPoint.get(minute))
                    .as("risk_point_1m at minute %d", minute)
                    .containsExactly(
                            entry("devicesOnline", 3L),
                            entry("devicesTotal", 3L),
                            entry("district", "Yuzhong"),
                            entry("kind", "high_rise"),
                            entry("level", level),
                            entry("openAlerts", open),
                            entry("riskPoint", "rp-p-tower-1"),
                            entry("time", T0 + minute * MINUTE));
        }
        String stats =
                "SELECT smoke_count, smoke_max, smoke_last, temperature_count, temperature_max,"
                        + " lat, lon FROM risk_point_1m WHERE time = ";
        assertThat(influx.query("fire", stats + "'2026-07-14T00:10:00Z'"))
                .containsExactly(
                        Map.of(
                                "time",
                                T0 + 10 * MINUTE,
                                "smoke_count",
                                2L,
                                "smoke_max",
                                3.7,
                                "smoke_last",
                                0.094,
                                "temperature_count",
                                1L,
                                "temperature_max",
                                23.9783,
                                "lat",
                                29.56,
                                "lon",
                                106.55));
        assertThat(influx.query("fire", stats + "'2026-07-14T00:12:00Z'"))
                .containsExactly(
                        Map.of(
                                "time",
                                T0 + 12 * MINUTE,
                                "smoke_count",
                                2L,
                                "smoke_max",
                                0.1315,
                                "smoke_last",
                                0.1315,
                                "temperature_count",
                                1L,
                                "temperature_max",
                                66L,
                                "lat",
                                29.56,
                                "lon",
                                106.55));

        List<Map<String, Object>> district = influx.query("fire", "SELECT * FROM district_1m");
        assertThat(district).hasSize(30);
        assertThat(district)
                .allSatisfy(
                        row ->
                                assertThat(row)
                                        .containsEntry("readings", 3L)
                                        .containsEntry("faults", 0L)
                                        .containsEntry("devicesReporting", 3L)
                                        .containsEntry("district", "Yuzhong")
                                        .containsEntry("openBlue", 0L)
                                        .containsEntry("openOrange", 0L));
        assertThat(district.get(10))
                .containsEntry("alertsOpened", 1L)
                .containsEntry("openYellow", 1L)
                .containsEntry("openRed", 0L);
        assertThat(district.get(12))
                .containsEntry("alertsOpened", 1L)
                .containsEntry("openYellow", 1L)
                .containsEntry("openRed", 1L);
        assertThat(district.get(21)).containsEntry("openRed", 1L);
        assertThat(district.get(22)).containsEntry("openYellow", 0L).containsEntry("openRed", 0L);
        assertThat(influx.query("fire", "SELECT sum(alertsOpened) FROM district_1m").get(0))
                .containsEntry("sum", 2L);

        assertThat(
                        influx.query(
                                "fire",
                                "SELECT count(accepted), sum(accepted), sum(rejected), sum(late)"
                                        + " FROM pipeline_1m GROUP BY stream"))
                .containsExactly(
                        Map.of(
                                "stream",
                                "readings",
                                "time",
                                0L,
                                "count",
                                30L,
                                "sum",
                                90L,
                                "sum_1",
                                0L,
                                "sum_2",
                                0L),
                        Map.of(
                                "stream",
                                "registry",
                                "time",
                                0L,
                                "count",
                                1L,
                                "sum",
                                1L,
                                "sum_1",
                                0L,
                                "sum_2",
                                0L));

        assertThat(influx.query("fire", "SELECT count(mean) FROM device_1m GROUP BY device, type"))
                .extracting(
                        row -> row.get("device") + " " + row.get("type") + " " + row.get("count"))
                .containsExactly(
                        "p-t1-smk-12 smoke 30",
                        "p-t1-smk-20 smoke 30",
                        "p-t1-tmp-12 temperature 30");
        assertThat(
                        influx.query(
                                "fire",
                                "SELECT * FROM device_1m WHERE time = '2026-07-14T00:10:00Z' AND device = 'p-t1-smk-12'"))
                .containsExactly(
                        new LinkedHashMap<>(
                                Map.of(
                                        "time",
                                        T0 + 10 * MINUTE,
                                        "device",
                                        "p-t1-smk-12",
                                        "type",
                                        "smoke",
                                        "riskPoint",
                                        "rp-p-tower-1",
                                        "min",
                                        3.7,
                                        "max",
                                        3.7,
                                        "mean",
                                        3.7,
                                        "last",
                                        3.7,
                                        "count",
                                        1L)));

        List<Map<String, Object>> before = InfluxReplays.everything(influx, "fire");
        InfluxReplays.replay(influx, "fire_two_detectors", "fire", folder, "--device-aggregates");
        assertThat(InfluxReplays.everything(influx, "fire")).isEqualTo(before);
    }

    @Test
    void rejectedRecordsAreCountedAndDeviceSeriesStayOff() throws Exception {
        influx.execute("CREATE DATABASE junk");
        InfluxReplays.replay(influx, "bad_input", "junk", folder);

        assertThat(influx.query("junk", "SHOW MEASUREMENTS"))
                .extracting(row -> row.get("name"))
                .containsExactly("alert", "district_1m", "pipeline_1m", "risk_point_1m");
        assertThat(
                        influx.query(
                                "junk",
                                "SELECT sum(accepted), sum(rejected), sum(late) FROM pipeline_1m"
                                        + " GROUP BY stream"))
                .containsExactly(
                        Map.of(
                                "stream",
                                "readings",
                                "time",
                                0L,
                                "sum",
                                14L,
                                "sum_1",
                                11L,
                                "sum_2",
                                0L),
                        Map.of(
                                "stream",
                                "registry",
                                "time",
                                0L,
                                "sum",
                                1L,
                                "sum_1",
                                0L,
                                "sum_2",
                                0L));
        // the undated rejects of a replay count in its first minute
        assertThat(influx.query("junk", "SELECT rejected FROM pipeline_1m WHERE rejected > 0"))
                .containsExactly(Map.of("time", T0, "rejected", 11L));
        assertThat(influx.query("junk", "SELECT version, level, status FROM alert"))
                .extracting(row -> row.get("level") + " " + row.get("status"))
                // an unanswered yellow alert escalates every 30 min: 04:30, 05:00, 05:30
                .containsExactly(
                        "blue open",
                        "yellow upgraded",
                        "yellow escalated",
                        "yellow escalated",
                        "yellow escalated");
        assertThat(Files.readAllLines(folder.resolve("bad_input-deadletters.jsonl"))).hasSize(11);
    }

    /** A row of the alert measurement, with escalation 0 unless changed. */
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
                T0 + minute * MINUTE,
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
                Instant.ofEpochMilli(T0).plusSeconds(seconds));
    }

    private static final class AlertRow extends java.util.TreeMap<String, Object> {
        AlertRow withEscalation(long escalation) {
            put("escalation", escalation);
            return this;
        }
    }

    private static AlertRow alert(
            long time, String alertId, long version, String rule, String level, String status) {
        AlertRow row = new AlertRow();
        row.put("time", time);
        row.put("alertId", alertId);
        row.put("version", version);
        row.put("escalation", 0L);
        row.put("lat", 29.56);
        row.put("lon", 106.55);
        row.put("rule", rule);
        row.put("level", level);
        row.put("status", status);
        row.put("scenario", "fire");
        row.put("district", "Yuzhong");
        row.put("riskPoint", "rp-p-tower-1");
        row.put("device", null);
        return row;
    }

    private static Map<String, Object> lifecycle(
            long time, String rule, String level, long escalations) {
        return Map.of(
                "time",
                time,
                "rule",
                rule,
                "level",
                level,
                "scenario",
                "fire",
                "district",
                "Yuzhong",
                "escalations",
                escalations);
    }
}
