package io.citywatch.jobs.rules;

import io.citywatch.jobs.cli.Replay;
import io.citywatch.jobs.testing.Scenario;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The geohazard and flood rules of issue 3 through the whole replay topology. */
class GeoFloodRulesITCase {
    private static final long HALF_HOUR = 1800;

    /** Readings collected in any order and written in event-time order, as a feed would be. */
    private record Readings(List<Object[]> lines) {
        Readings() {
            this(new ArrayList<>());
        }

        Readings add(String device, String type, double value, long seconds) {
            lines.add(new Object[] {device, type, value, seconds});
            return this;
        }

        Scenario into(Scenario scenario) {
            lines.sort(Comparator.comparingLong(line -> (Long) line[3]));
            for (Object[] line : lines) {
                scenario.reading(
                        (String) line[0], (String) line[1], (Double) line[2], (Long) line[3]);
            }
            return scenario;
        }
    }

    /** 36 mm in the hour ending at 1 h, then a slope creeping and accelerating from {@code h}. */
    private static Scenario rainThenAcceleration(double accelerationHours) {
        Readings readings = new Readings();
        for (int minute = 10; minute <= 60; minute += 10) {
            readings.add("rain-1", "rainfall", 6.0, minute * 60L);
        }
        double mm = 100;
        long end = (long) ((accelerationHours + 2) * 3600);
        for (long s = 0; s <= end; s += HALF_HOUR) {
            mm += s < accelerationHours * 3600 ? 0.01 : 1.0;
            readings.add("gnss-1", "displacement", mm, s);
        }
        return readings.into(
                Scenario.create()
                        .riskPoint(
                                "rp-slope",
                                "slope",
                                86400,
                                List.of("rain-1:rainfall", "gnss-1:displacement")));
    }

    @Test
    void heavyRainFollowedByMovementWithinSixHoursIsOrange() {
        Replay.Result result = rainThenAcceleration(3).run();

        assertThat(result.deadLetters()).isEmpty();
        assertThat(Scenario.highestLevels(result, "geo.rain_then_movement"))
                .isEqualTo(Map.of("rp-slope", "orange"));
        assertThat(Scenario.highestLevels(result, "geo.rainfall"))
                .as("36 mm in 1 h at a slope")
                .isEqualTo(Map.of("rp-slope/rain-1", "blue"));
        assertThat(Scenario.highestLevels(result, "geo.displacement"))
                .isEqualTo(Map.of("rp-slope/gnss-1", "red"));
    }

    @Test
    void movementLongAfterTheRainIsNotRainTriggered() {
        Replay.Result result = rainThenAcceleration(8).run();

        assertThat(Scenario.highestLevels(result, "geo.rain_then_movement")).isEmpty();
        assertThat(Scenario.highestLevels(result, "geo.displacement"))
                .isEqualTo(Map.of("rp-slope/gnss-1", "red"));
    }

    @Test
    void floodRulesFireAtTheirSites() {
        Readings readings =
                new Readings()
                        .add("lvl-1", "water_level", 180.0, 0)
                        .add("lvl-1", "water_level", 180.6, 1800)
                        .add("lvl-1", "water_level", 181.1, 3600)
                        .add("dep-1", "water_depth", 25, 60)
                        .add("dep-1", "water_depth", 2000, 120)
                        .add("dep-1", "water_depth", 12, 180);
        for (int i = 1; i <= 6; i++) {
            readings.add("rain-2", "rainfall", 17.0, i * 1800L);
        }
        Replay.Result result =
                readings.into(
                                Scenario.create()
                                        .riskPoint(
                                                "rp-river",
                                                "river_station",
                                                86400,
                                                List.of("lvl-1:water_level", "rain-2:rainfall"))
                                        .riskPoint(
                                                "rp-up",
                                                "underpass",
                                                86400,
                                                List.of("dep-1:water_depth")))
                        .run();

        assertThat(result.deadLetters()).isEmpty();
        assertThat(Scenario.highestLevels(result, "flood.rapid_rise"))
                .isEqualTo(Map.of("rp-river", "orange"));
        assertThat(Scenario.highestLevels(result, "flood.rainstorm"))
                .as("102 mm in 3 h")
                .isEqualTo(Map.of("rp-river/rain-2", "red"));
        assertThat(Scenario.highestLevels(result, "flood.underpass"))
                .as("the 2000 cm sensor fault is skipped: 25 then 12 cm, not 25 then 2000")
                .isEqualTo(Map.of("rp-up", "yellow"));
    }

    @Test
    void rainLevelsStillOpenWhenTheClockStopsAreReportedPending() {
        Scenario scenario =
                Scenario.create()
                        .riskPoint("rp-slope", "slope", 86400, List.of("rain-1:rainfall"))
                        .riskPoint("rp-river", "river_station", 86400, List.of("rain-2:rainfall"));
        for (int minute = 10; minute <= 60; minute += 10) {
            scenario.reading("rain-1", "rainfall", 6.0, minute * 60L);
            if (minute % 20 == 0) {
                scenario.reading("rain-2", "rainfall", 17.0, minute * 60L);
            }
        }

        Replay.Result result = scenario.run();

        // 36 mm in 1 h at a slope, 51 mm in 3 h at a river station
        assertThat(Scenario.highestLevels(result, "geo.rainfall"))
                .isEqualTo(Map.of("rp-slope/rain-1", "blue"));
        assertThat(Scenario.highestLevels(result, "flood.rainstorm"))
                .isEqualTo(Map.of("rp-river/rain-2", "orange"));
        // both gauges' last reading is at the clock stop (1 h): a day of silence would clear them
        assertThat(result.pending())
                .filteredOn(p -> p.ruleId.startsWith("geo.") || p.ruleId.startsWith("flood."))
                .extracting(
                        p ->
                                p.ruleId
                                        + " "
                                        + p.key
                                        + "@"
                                        + (p.dueTs - Scenario.T0.toEpochMilli()) / 3_600_000)
                .containsExactlyInAnyOrder("geo.rainfall rain-1@25", "flood.rainstorm rain-2@25");
    }
}
