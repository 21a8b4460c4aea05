package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.rules.host.RecordingContext;
import io.citywatch.jobs.testing.Events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hosted device rules as plain Java: no Flink, the unit's state and due times in the open. */
class HostedUnitsTest {
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;

    private final Site site = Events.site("rp-1", RiskPointKind.high_rise, 2, Map.of());
    private final RecordingContext context = new RecordingContext();

    private DeviceEvent reading(SensorType type, double value, long ts) {
        return Events.reading(site, "d1", type, value, ts);
    }

    @Test
    void offlineIsDueOneMillisecondAfterThreeReportingPeriodsOfSilence() {
        OfflineUnit unit = new OfflineUnit(RuleSettings.defaults());
        context.site = site;
        OfflineState state = unit.onEvent(null, reading(SensorType.SMOKE, 0.1, 0), context);
        assertThat(unit.due(state)).isEqualTo(180 * SECOND + 1);

        state = unit.onDue(state, 180 * SECOND + 1, context);
        assertThat(context.matches)
                .singleElement()
                .satisfies(
                        match -> {
                            assertThat(match.level).isEqualTo(AlertLevel.blue);
                            assertThat(match.detectTs).isEqualTo(180 * SECOND + 1);
                            assertThat(match.message)
                                    .isEqualTo(
                                            "Device d1 at RP-1 has sent nothing for more than"
                                                    + " 180 s");
                        });
        assertThat(unit.due(state)).isEqualTo(DeviceRuleUnit.NO_DUE);

        context.watermark = 180 * SECOND + 1;
        state = unit.onEvent(state, reading(SensorType.SMOKE, 0.1, 200 * SECOND), context);
        assertThat(context.matches.get(1).clear).isTrue();
        assertThat(context.matches.get(1).detectTs).isEqualTo(200 * SECOND);
        assertThat(unit.due(state)).isEqualTo(380 * SECOND + 1);
    }

    @Test
    void aRegisteredDeviceThatNeverReportsCountsFromTheFirstWatermark() {
        OfflineUnit unit = new OfflineUnit(RuleSettings.defaults());
        context.site = site;
        OfflineState state =
                unit.onEvent(null, Events.registered(site, "d1", SensorType.SMOKE), context);
        assertThat(unit.due(state)).isEqualTo(OfflineUnit.ARM_AT_NEXT_WATERMARK);

        context.watermark = 10 * SECOND;
        state = unit.onDue(state, OfflineUnit.ARM_AT_NEXT_WATERMARK, context);
        assertThat(unit.due(state)).isEqualTo(190 * SECOND + 1);
        assertThat(context.matches).isEmpty();
    }

    @Test
    void offlineBeyondTheReplayClockIsPending() {
        OfflineUnit unit =
                new OfflineUnit(
                        new RuleSettings(100 * SECOND, Locale.ENGLISH, Duration.ofMinutes(10)));
        context.site = site;
        OfflineState state = unit.onEvent(null, reading(SensorType.SMOKE, 0.1, 0), context);
        unit.onDue(state, unit.due(state), context);
        assertThat(context.matches).isEmpty();
        assertThat(context.pending).containsExactly(180 * SECOND + 1);
    }

    @Test
    void threeFaultsInARowOpenAndAReadingInsideTheSpanClearsAndForgets() {
        SensorFaultUnit unit = new SensorFaultUnit(RuleSettings.defaults());
        SensorFaultState state = null;
        for (int minute = 0; minute < 3; minute++) {
            state = unit.onEvent(state, reading(SensorType.TILT, 200, minute * MINUTE), context);
        }
        assertThat(context.matches)
                .singleElement()
                .satisfies(
                        match -> {
                            assertThat(match.startTs).isZero();
                            assertThat(match.detectTs).isEqualTo(2 * MINUTE);
                            assertThat(match.evidence).hasSize(3);
                        });
        assertThat(unit.due(state)).isEqualTo(2 * MINUTE + OrderedReadingsUnit.QUIET_MILLIS);

        state = unit.onEvent(state, reading(SensorType.TILT, 1.5, 3 * MINUTE), context);
        assertThat(context.matches.get(1).clear).isTrue();
        assertThat(context.matches.get(1).detectTs).isEqualTo(3 * MINUTE);
        assertThat(state).as("a healthy sensor holds nothing").isNull();
    }

    @Test
    void aFaultRunGoesQuietADayAfterItsLastReadingUnlessAReadingStillWaits() {
        SensorFaultUnit unit = new SensorFaultUnit(RuleSettings.defaults());
        SensorFaultState state = unit.onEvent(null, reading(SensorType.TILT, 200, 0), context);
        long quiet = unit.due(state);

        context.readingsHeld = true;
        state = unit.onDue(state, quiet, context);
        assertThat(state.consecutive).isEqualTo(1);
        assertThat(unit.due(state)).isEqualTo(DeviceRuleUnit.NO_DUE);

        context.readingsHeld = false;
        state.quietDue = quiet;
        assertThat(unit.onDue(state, quiet, context)).isNull();
    }

    @Test
    void fiveFlatReadingsOverFortyMinutesAreStuckAndAMoveClearsIt() {
        StuckUnit unit = new StuckUnit(RuleSettings.defaults());
        StuckState state = null;
        for (int minute = 0; minute <= 40; minute += 10) {
            state =
                    unit.onEvent(
                            state, reading(SensorType.WATER_LEVEL, 20.0, minute * MINUTE), context);
        }
        assertThat(context.matches)
                .singleElement()
                .satisfies(
                        match -> {
                            assertThat(match.startTs).isZero();
                            assertThat(match.detectTs).isEqualTo(40 * MINUTE);
                            assertThat(match.message)
                                    .isEqualTo(
                                            "Device d1 at RP-1 may be stuck: 5 water_level"
                                                    + " readings over 40 min stayed within"
                                                    + " 20.0..20.0");
                        });
        unit.onEvent(state, reading(SensorType.WATER_LEVEL, 20.5, 50 * MINUTE), context);
        assertThat(context.matches.get(1).clear).isTrue();
        assertThat(context.matches.get(1).detectTs).isEqualTo(50 * MINUTE);
    }

    @Test
    void stuckReadsOnlyValidReadingsOfMeasuringSensors() {
        StuckUnit unit = new StuckUnit(RuleSettings.defaults());
        assertThat(unit.reads(reading(SensorType.WATER_LEVEL, 20.0, 0))).isTrue();
        assertThat(unit.reads(reading(SensorType.WATER_LEVEL, 99_999, 0))).isFalse();
        assertThat(unit.reads(reading(SensorType.SMOKE, 0.1, 0))).isFalse();
    }
}
