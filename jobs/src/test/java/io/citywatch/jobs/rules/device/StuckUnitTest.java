package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleHost;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StuckUnitTest {
    private static final long MINUTE = 60_000;

    private final Site station = Events.site("rp-river", RiskPointKind.river_station, 1, Map.of());
    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness;

    private void start(RuleSettings settings) throws Exception {
        harness =
                KeyedHarness.open(
                        new DeviceRuleHost(List.of(new StuckUnit(settings))),
                        event -> event.deviceId);
    }

    private void start() throws Exception {
        start(RuleSettings.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void level(Site site, double value, long millis) throws Exception {
        harness.processElement(
                Events.reading(site, "lvl-1", SensorType.WATER_LEVEL, value, millis), millis);
    }

    /** One reading every 10 min from minute 0, the given values in turn. */
    private void everyTenMinutes(double... values) throws Exception {
        for (int i = 0; i < values.length; i++) {
            level(station, values[i], i * 10 * MINUTE);
        }
        harness.processWatermark((values.length - 1) * 10 * MINUTE);
    }

    private List<RuleMatch> matches() {
        return harness.extractOutputValues();
    }

    @Test
    void fiveFlatReadingsOverFortyMinutesAreBlue() throws Exception {
        start();
        everyTenMinutes(20.00, 20.01, 20.005, 20.00);
        assertThat(matches()).isEmpty();

        level(station, 20.01, 40 * MINUTE);
        harness.processWatermark(40 * MINUTE);
        assertThat(matches())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.level).isEqualTo(AlertLevel.blue);
                            assertThat(m.deviceId).isEqualTo("lvl-1");
                            assertThat(m.startTs).isZero();
                            assertThat(m.detectTs).isEqualTo(40 * MINUTE);
                            assertThat(m.selfClearing).isTrue();
                            assertThat(m.message).contains("5 water_level readings over 40 min");
                        });
    }

    @Test
    void justOverTheToleranceIsNotStuck() throws Exception {
        start();
        everyTenMinutes(20.00, 20.0101, 20.00, 20.00, 20.0101);
        assertThat(matches()).isEmpty();
    }

    @Test
    void justUnderFortyMinutesIsNotStuck() throws Exception {
        start();
        for (int i = 0; i < 5; i++) {
            level(station, 20.0, i * (10 * MINUTE - 250));
        }
        harness.processWatermark(40 * MINUTE);
        assertThat(matches()).isEmpty();
    }

    @Test
    void fourReadingsOverFortyMinutesAreNotEnough() throws Exception {
        start();
        level(station, 20.0, 0);
        level(station, 20.0, 20 * MINUTE);
        level(station, 20.0, 30 * MINUTE);
        level(station, 20.0, 40 * MINUTE);
        harness.processWatermark(40 * MINUTE);
        assertThat(matches()).isEmpty();
    }

    @Test
    void clearsWhenTheSensorMovesAgain() throws Exception {
        start();
        everyTenMinutes(20.0, 20.0, 20.0, 20.0, 20.0, 20.0);
        level(station, 20.3, 60 * MINUTE);
        harness.processWatermark(60 * MINUTE);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false, true);
        assertThat(matches().get(1).episodeKey()).isEqualTo(matches().get(0).episodeKey());
    }

    @Test
    void aSmallStepThatStaysFlatWithTheRecentReadingsDoesNotClear() throws Exception {
        start();
        everyTenMinutes(20.000, 20.008, 20.008, 20.008, 20.008, 20.008, 20.008);
        level(station, 20.012, 70 * MINUTE);
        harness.processWatermark(70 * MINUTE);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false);
    }

    @Test
    void outOfOrderReadingsAreTakenInEventTimeOrder() throws Exception {
        start();
        // in arrival order the 20.5 would break the run at the end; in event time it comes first
        for (int i = 1; i <= 5; i++) {
            level(station, 20.0, i * 10 * MINUTE);
        }
        level(station, 20.5, 10 * MINUTE - 20_000);
        harness.processWatermark(50 * MINUTE);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false);
        assertThat(matches().get(0).startTs).isEqualTo(10 * MINUTE);
    }

    @Test
    void aRiskPointOverrideShortensTheDuration() throws Exception {
        start();
        Site impatient =
                Events.site(
                        "rp-river",
                        RiskPointKind.river_station,
                        1,
                        Map.of("device.stuckMinutes", 20.0, "device.stuckReadings", 3.0));
        for (int i = 0; i < 3; i++) {
            level(impatient, 5.0, i * 10 * MINUTE);
        }
        harness.processWatermark(20 * MINUTE);
        assertThat(matches()).extracting(m -> m.level).containsExactly(AlertLevel.blue);
    }

    @Test
    void watchesOnlyValidReadingsOfMeasuringTypes() {
        assertThat(StuckRule.isWatched(Events.reading(station, "d", SensorType.WATER_LEVEL, 5, 0)))
                .isTrue();
        assertThat(StuckRule.isWatched(Events.reading(station, "d", SensorType.STRAIN, 5, 0)))
                .isTrue();
        // a sensor fault (outside the physical span) is not a stuck value
        assertThat(
                        StuckRule.isWatched(
                                Events.reading(station, "d", SensorType.WATER_LEVEL, 9001, 0)))
                .isFalse();
        // rainfall is legitimately 0 for days; smoke sits at its clean-air value
        assertThat(StuckRule.isWatched(Events.reading(station, "d", SensorType.RAINFALL, 0, 0)))
                .isFalse();
        assertThat(StuckRule.isWatched(Events.reading(station, "d", SensorType.SMOKE, 0, 0)))
                .isFalse();
    }

    @Test
    void chineseMessage() throws Exception {
        start(new RuleSettings(Long.MAX_VALUE, Locale.SIMPLIFIED_CHINESE, Duration.ofMinutes(10)));
        everyTenMinutes(20.0, 20.0, 20.0, 20.0, 20.0);
        assertThat(matches())
                .singleElement()
                .satisfies(m -> assertThat(m.message).contains("疑似卡滞"));
    }

    @Test
    void aQuietDeviceIsForgottenAndItsAlertCleared() throws Exception {
        start();
        everyTenMinutes(20.0, 20.0, 20.0, 20.0, 20.0);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(40 * MINUTE + OrderedReadingsUnit.QUIET_MILLIS);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false, true);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aSteadyDeviceKeepsFewTimersAndIsForgottenExactlyAQuietSpanAfterItsLastReading()
            throws Exception {
        start();
        for (int i = 0; i < 12; i++) {
            level(station, 20.0 + i, i * 10 * MINUTE);
            harness.processWatermark(i * 10 * MINUTE);
            assertThat(harness.numEventTimeTimers()).as("the quiet timer only").isOne();
        }
        long last = 110 * MINUTE;
        harness.processWatermark(last + OrderedReadingsUnit.QUIET_MILLIS - 1);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(last + OrderedReadingsUnit.QUIET_MILLIS);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aDeviceWithoutAnAlertIsForgottenSilently() throws Exception {
        start();
        everyTenMinutes(20.0, 21.0);
        harness.processWatermark(10 * MINUTE + OrderedReadingsUnit.QUIET_MILLIS);
        assertThat(matches()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theEndOfAReplayNeitherClearsNorForgetsAnOpenAlert() throws Exception {
        start(new RuleSettings(40 * MINUTE, Locale.ENGLISH, Duration.ofMinutes(10)));
        everyTenMinutes(20.0, 20.0, 20.0, 20.0, 20.0);
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false);
        assertThat(harness.getSideOutput(Pending.TAG)).hasSize(1);
    }
}
