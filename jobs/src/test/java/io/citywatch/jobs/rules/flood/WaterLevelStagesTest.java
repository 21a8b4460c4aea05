package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WaterLevelStagesTest {
    private static final long HOUR = 3_600_000;
    private final Site station =
            Events.site(
                    "rp-river",
                    RiskPointKind.river_station,
                    1,
                    Map.of(
                            "flood.warning",
                            100.0,
                            "flood.guarantee",
                            102.0,
                            "flood.record",
                            105.0));

    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                KeyedHarness.open(
                        new WaterLevelStages(RuleSettings.defaults()), event -> event.deviceId);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void level(double value, long hour) throws Exception {
        harness.processElement(
                Events.reading(station, "lvl-1", SensorType.WATER_LEVEL, value, hour * HOUR),
                hour * HOUR);
    }

    private List<RuleMatch> matches() {
        return harness.extractOutputValues();
    }

    @Test
    void risesThroughEveryStage() throws Exception {
        level(99.4, 0);
        level(99.6, 1);
        level(100.0, 2);
        level(102.0, 3);
        level(105.0, 4);
        harness.processWatermark(4 * HOUR);

        assertThat(matches())
                .extracting(m -> m.level)
                .containsExactly(
                        AlertLevel.blue, AlertLevel.yellow, AlertLevel.orange, AlertLevel.red);
    }

    @Test
    void exactlyAtWarningIsYellowAndJustBelowIsNot() throws Exception {
        level(99.99, 0);
        harness.processWatermark(0);
        assertThat(matches()).extracting(m -> m.level).containsExactly();
        level(100.0, 1);
        harness.processWatermark(HOUR);
        assertThat(matches()).extracting(m -> m.level).containsExactly(AlertLevel.yellow);
    }

    @Test
    void blueNeedsARisingLevel() throws Exception {
        level(99.8, 0);
        level(99.7, 1);
        harness.processWatermark(HOUR);
        assertThat(matches()).isEmpty();
    }

    @Test
    void holdsTheStageWithinHysteresisAndClearsBelowIt() throws Exception {
        level(100.5, 0);
        level(99.85, 1);
        harness.processWatermark(HOUR);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false);

        // 0.2 m below warning is no longer yellow; 99.5..99.8 still holds the blue stage
        level(99.79, 2);
        level(99.29, 3);
        harness.processWatermark(3 * HOUR);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false, true);
    }

    @Test
    void outOfOrderReadingsAreTakenInEventTimeOrder() throws Exception {
        level(99.9, 1);
        level(99.6, 0);
        harness.processWatermark(HOUR);
        // in event time 99.6 then 99.9: rising within the blue margin
        assertThat(matches()).extracting(m -> m.level).containsExactly(AlertLevel.blue);
    }

    @Test
    void aRiskPointOverrideMovesTheThreshold() throws Exception {
        Site lowered =
                Events.site(
                        "rp-river", RiskPointKind.river_station, 1, Map.of("flood.warning", 90.0));
        harness.processElement(
                Events.reading(lowered, "lvl-1", SensorType.WATER_LEVEL, 90.0, 0), 0);
        harness.processWatermark(0);
        assertThat(matches()).extracting(m -> m.level).containsExactly(AlertLevel.yellow);
    }

    @Test
    void aStationWithoutThresholdsNeverFires() throws Exception {
        Site bare = Events.site("rp-river", RiskPointKind.river_station, 1, Map.of());
        harness.processElement(Events.reading(bare, "lvl-1", SensorType.WATER_LEVEL, 9000, 0), 0);
        harness.processWatermark(0);
        assertThat(matches()).isEmpty();
    }

    @Test
    void forgetsAQuietGaugeWithoutAnOpenAlert() throws Exception {
        level(50.0, 0);
        harness.processWatermark(0);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(25 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
