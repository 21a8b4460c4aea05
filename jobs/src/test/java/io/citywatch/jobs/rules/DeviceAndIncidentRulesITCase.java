package io.citywatch.jobs.rules;

import io.citywatch.common.geo.Geohash;
import io.citywatch.common.model.Alert;
import io.citywatch.jobs.cli.Replay;
import io.citywatch.jobs.testing.Scenario;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * device.stuck, device.sensor_fault, incident.cluster and incident.unacknowledged through the whole
 * replay topology, including incidents outside every risk point (site == null, a grid cell).
 */
class DeviceAndIncidentRulesITCase {
    private static final String CELL = "geo:" + Geohash.encode(29.60, 106.60, 6);

    private static Scenario riverStation() {
        return Scenario.create()
                .riskPoint(
                        "rp-river",
                        "river_station",
                        600,
                        List.of("lvl-1:water_level", "tilt-1:tilt"));
    }

    @Test
    void stuckAndFaultySensorsOpenAndClearTheirAlerts() {
        Scenario scenario = riverStation();
        for (int minute = 0; minute <= 60; minute += 10) {
            scenario.reading("lvl-1", "water_level", 20.0, minute * 60L);
            // six flat out-of-span readings: a sensor fault, and not a stuck sensor
            scenario.reading("tilt-1", "tilt", minute == 0 ? 1.0 : 200.0, minute * 60L);
        }
        scenario.reading("lvl-1", "water_level", 20.5, 70 * 60L);
        scenario.reading("tilt-1", "tilt", 1.0, 70 * 60L);

        Replay.Result result = scenario.run();

        assertThat(Scenario.highestLevels(result, "device.stuck"))
                .isEqualTo(Map.of("rp-river/lvl-1", "blue"));
        assertThat(Scenario.highestLevels(result, "device.sensor_fault"))
                .isEqualTo(Map.of("rp-river/tilt-1", "blue"));
        assertThat(statuses(result, "device.stuck")).containsExactly("open@40", "cleared@70");
        assertThat(statuses(result, "device.sensor_fault"))
                .containsExactly("open@30", "cleared@70");
    }

    @Test
    void incidentsOutsideEveryRiskPointClusterAndGoUnacknowledgedInTheirCell() {
        Scenario scenario = riverStation();
        scenario.incidentLine(far("i1", "reported", 0))
                .incidentLine(far("i2", "reported", 60))
                .incidentLine(far("i3", "reported", 120))
                .incidentLine(far("i1", "acknowledged", 300))
                .incidentLine(far("i2", "resolved", 2000))
                // at the risk point, 10 min before the clock stops: its deadline stays pending
                .incident("i4", "flood", "reported", "rp-river", 2400);

        Replay.Result result = scenario.run();

        assertThat(Scenario.highestLevels(result, "incident.cluster"))
                .isEqualTo(Map.of(CELL, "orange"));
        assertThat(Scenario.highestLevels(result, "incident.unacknowledged"))
                .isEqualTo(Map.of(CELL, "orange"));
        // i2 at 60 s + 10 min; orange for i2 at 60 s + 30 min; i3 keeps it open after i2 resolved
        assertThat(statuses(result, "incident.unacknowledged"))
                .containsExactly("open@11", "upgraded@31");
        Alert cluster = alerts(result, "incident.cluster").get(0);
        assertThat(cluster.incidentIds).containsExactly("i1", "i2", "i3");
        assertThat(cluster.kind).isNull();
        assertThat(result.alertLines())
                .filteredOn(line -> line.contains("incident."))
                .allSatisfy(line -> assertThat(line).contains("\"riskPointId\":\"" + CELL + "\""));
        assertThat(result.pending())
                .filteredOn(p -> p.ruleId.equals("incident.unacknowledged"))
                .extracting(p -> p.key + "@" + (p.dueTs - Scenario.T0.toEpochMilli()) / 60_000)
                .contains("i4@50", "i4@70");
    }

    private static String far(String id, String status, long seconds) {
        return String.format(
                Locale.ROOT,
                "{\"incidentId\":\"%s\",\"source\":\"citizen_app\",\"category\":\"flood\","
                        + "\"status\":\"%s\",\"lat\":29.60,\"lon\":106.60,\"ts\":\"%s\"}",
                id,
                status,
                Scenario.T0.plusSeconds(seconds));
    }

    private static List<Alert> alerts(Replay.Result result, String ruleId) {
        return result.alerts().stream().filter(a -> a.ruleId.equals(ruleId)).toList();
    }

    /** "status@minute" of each change of a rule's alerts, minutes after T0. */
    private static List<String> statuses(Replay.Result result, String ruleId) {
        return alerts(result, ruleId).stream()
                .map(a -> a.status + "@" + (a.changeTs - Scenario.T0.toEpochMilli()) / 60_000)
                .toList();
    }
}
