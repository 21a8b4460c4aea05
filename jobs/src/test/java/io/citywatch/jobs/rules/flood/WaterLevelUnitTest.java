package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleHost;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.rules.host.RecordingContext;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** flood.water_level's stage machine as plain Java, and in the host where order matters. */
class WaterLevelUnitTest {
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

    private final RecordingContext context = new RecordingContext();
    private WaterLevelUnit unit = new WaterLevelRule().unit(RuleSettings.defaults());
    private WaterLevelState state;

    private void level(Site site, double value, long hour) {
        state =
                unit.onEvent(
                        state,
                        Events.reading(site, "lvl-1", SensorType.WATER_LEVEL, value, hour * HOUR),
                        context);
    }

    private void level(double value, long hour) {
        level(station, value, hour);
    }

    private List<RuleMatch> matches() {
        return context.matches;
    }

    @Test
    void risesThroughEveryStage() {
        level(99.4, 0);
        level(99.6, 1);
        level(100.0, 2);
        level(102.0, 3);
        level(105.0, 4);

        assertThat(matches())
                .extracting(m -> m.level)
                .containsExactly(
                        AlertLevel.blue, AlertLevel.yellow, AlertLevel.orange, AlertLevel.red);
        RuleMatch red = matches().get(3);
        assertThat(red.ruleId).isEqualTo(WaterLevelRule.ID);
        assertThat(red.deviceId).isEqualTo("lvl-1");
        assertThat(red.locationKey).isEqualTo("rp-river");
        assertThat(red.startTs).isEqualTo(4 * HOUR);
        assertThat(red.detectTs).isEqualTo(4 * HOUR);
        assertThat(red.selfClearing).isTrue();
        assertThat(red.evidence).extracting(e -> e.value).containsExactly(105.0);
        assertThat(red.message)
                .isEqualTo(
                        "Water level 105.00 m at RP-RIVER (lvl-1) has reached the record stage"
                                + " (105.00 m)");
        assertThat(matches().get(0).message).contains("near-warning stage (99.50 m)");
        assertThat(matches()).extracting(m -> m.episodeKey()).containsOnly(red.episodeKey());
    }

    @Test
    void exactlyAtWarningIsYellowAndJustBelowIsNot() {
        level(99.99, 0);
        assertThat(matches()).extracting(m -> m.level).containsExactly();
        level(100.0, 1);
        assertThat(matches()).extracting(m -> m.level).containsExactly(AlertLevel.yellow);
    }

    @Test
    void blueNeedsARisingLevel() {
        level(99.8, 0);
        level(99.7, 1);
        assertThat(matches()).isEmpty();
    }

    @Test
    void holdsTheStageWithinHysteresisAndClearsBelowIt() {
        level(100.5, 0);
        level(99.85, 1);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false);

        // 0.2 m below warning is no longer yellow; 99.5..99.8 still holds the blue stage
        level(99.79, 2);
        level(99.29, 3);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false, true);
        RuleMatch clear = matches().get(1);
        assertThat(clear.detectTs).isEqualTo(3 * HOUR);
        assertThat(clear.episodeKey()).isEqualTo(matches().get(0).episodeKey());
        assertThat(clear.selfClearing).isTrue();
    }

    @Test
    void aRiskPointOverrideMovesTheThreshold() {
        Site lowered =
                Events.site(
                        "rp-river", RiskPointKind.river_station, 1, Map.of("flood.warning", 90.0));
        level(lowered, 90.0, 0);
        assertThat(matches()).extracting(m -> m.level).containsExactly(AlertLevel.yellow);
    }

    @Test
    void aStationWithoutThresholdsNeverFiresAndKeepsNothing() {
        Site bare = Events.site("rp-river", RiskPointKind.river_station, 1, Map.of());
        level(bare, 9000, 0);
        assertThat(matches()).isEmpty();
        assertThat(state).isNull();
    }

    @Test
    void aQuietGaugeForgetsItsLevelADayAfterItsLastReading() {
        level(50.0, 0);
        assertThat(state.previous).isEqualTo(50.0);
        assertThat(unit.due(state)).isEqualTo(OrderedReadingsUnit.QUIET_MILLIS);
        assertThat(unit.onDue(state, OrderedReadingsUnit.QUIET_MILLIS, context)).isNull();

        // without its previous level a reading in the blue band is not rising
        state = null;
        level(99.6, 25);
        assertThat(matches()).isEmpty();
    }

    @Test
    void aQuietGaugeWithAnOpenAlertKeepsItsStageWithoutADueTime() {
        level(100.5, 0);
        state = unit.onDue(state, unit.due(state), context);
        assertThat(state.stage).isEqualTo(2);
        assertThat(unit.due(state)).isEqualTo(DeviceRuleUnit.NO_DUE);
        assertThat(context.pending).as("only device.offline speaks for silence").isEmpty();
        level(99.0, 30);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false, true);
    }

    @Test
    void chineseMessage() {
        unit =
                new WaterLevelUnit(
                        new RuleSettings(
                                Long.MAX_VALUE, Locale.SIMPLIFIED_CHINESE, Duration.ofMinutes(10)));
        level(102.0, 0);
        assertThat(matches().get(0).message)
                .isEqualTo("RP-RIVER（lvl-1）水位 102.00 米，达到保证水位（102.00 米）");
    }

    // the order of the readings is the host's: these go through it

    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> host()
            throws Exception {
        return KeyedHarness.open(new DeviceRuleHost(List.of(unit)), event -> event.deviceId);
    }

    private void send(
            KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness,
            double value,
            long hour)
            throws Exception {
        harness.processElement(
                Events.reading(station, "lvl-1", SensorType.WATER_LEVEL, value, hour * HOUR),
                hour * HOUR);
    }

    @Test
    void outOfOrderReadingsAreTakenInEventTimeOrder() throws Exception {
        try (var harness = host()) {
            send(harness, 99.9, 1);
            send(harness, 99.6, 0);
            send(harness, 99.6, 0);
            harness.processWatermark(HOUR);
            // in event time 99.6 then 99.9: rising within the blue margin
            assertThat(harness.extractOutputValues())
                    .extracting(m -> m.level)
                    .containsExactly(AlertLevel.blue);
        }
    }

    @Test
    void forgetsAQuietGaugeWithoutAnOpenAlert() throws Exception {
        try (var harness = host()) {
            send(harness, 50.0, 0);
            harness.processWatermark(0);
            assertThat(harness.numKeyedStateEntries()).isPositive();
            harness.processWatermark(25 * HOUR);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aReadingStillWaitingKeepsTheGaugeFromGoingQuiet() throws Exception {
        try (var harness = host()) {
            send(harness, 50.0, 0);
            harness.processWatermark(0);
            send(harness, 99.6, 25);
            harness.processWatermark(24 * HOUR);
            harness.processWatermark(25 * HOUR);
            // rising over 50.0, which the day of silence did not forget: a reading was on its way
            assertThat(harness.extractOutputValues())
                    .extracting(m -> m.level)
                    .containsExactly(AlertLevel.blue);
        }
    }
}
