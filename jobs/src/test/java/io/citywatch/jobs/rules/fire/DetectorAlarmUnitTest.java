package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleHost;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.RecordingContext;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** fire.detector_alarm's unit as plain Java, and once in the host for its side output. */
class DetectorAlarmUnitTest {
    private static final long SECOND = 1000;
    private final Site tower = Events.site("rp-t", RiskPointKind.high_rise, 3, Map.of());
    private final DetectorAlarmUnit unit = new DetectorAlarmUnit(RuleSettings.defaults());
    private final RecordingContext context = new RecordingContext();
    private DetectorState state;

    private void send(Site site, SensorType type, double value, long ts) {
        DeviceEvent event = Events.reading(site, "dev", "F1", type, value, ts);
        assertThat(unit.reads(event)).isTrue();
        state = unit.onEvent(state, event, context);
    }

    /** What the host does when the watermark reaches {@code watermark}. */
    private void watermark(long watermark) {
        context.watermark = watermark;
        while (state != null && unit.due(state) <= watermark) {
            state = unit.onDue(state, unit.due(state), context);
        }
    }

    /** The alarms signalled for fire.confirmed, each also fire.detector_alarm's match. */
    private List<DetectorAlarm> alarms() {
        List<DetectorAlarm> alarms =
                context.signals.getOrDefault(DetectorAlarmUnit.TAG.getId(), List.of()).stream()
                        .map(DetectorAlarm.class::cast)
                        .toList();
        assertThat(context.matches)
                .extracting(match -> match.ruleId + " " + match.level + " " + match.detectTs)
                .containsExactlyElementsOf(
                        alarms.stream()
                                .map(
                                        a ->
                                                DetectorAlarmRule.ID
                                                        + " "
                                                        + AlertLevel.yellow
                                                        + " "
                                                        + a.ts)
                                .toList());
        return alarms;
    }

    @Test
    void smokeAlarmsAtThreeAndNotJustBelow() {
        send(tower, SensorType.SMOKE, 2.999, 0);
        assertThat(alarms()).isEmpty();
        send(tower, SensorType.SMOKE, 3.0, SECOND);
        assertThat(alarms()).extracting(a -> a.ts).containsExactly(SECOND);
        assertThat(alarms().get(0).cause).isEqualTo("smoke 3.00 %/m");
        assertThat(context.matches.get(0).message)
                .isEqualTo("Detector dev in alarm on F1 of RP-T: smoke 3.00 %/m");
    }

    @Test
    void heatAlarmsAtSixtyDegrees() {
        send(tower, SensorType.TEMPERATURE, 59.9, 0);
        assertThat(alarms()).isEmpty();
        send(tower, SensorType.TEMPERATURE, 60.0, 120 * SECOND);
        assertThat(alarms()).hasSize(1);
    }

    @Test
    void manualCallPointAlarmsWhenPressed() {
        send(tower, SensorType.MANUAL_CALL, 0, 0);
        send(tower, SensorType.MANUAL_CALL, 1, SECOND);
        assertThat(alarms()).hasSize(1);
    }

    @Test
    void aQuietSmokeDetectorOrCallPointKeepsNothing() {
        send(tower, SensorType.SMOKE, 0.5, 0);
        send(tower, SensorType.SMOKE, 3.5, SECOND);
        send(tower, SensorType.MANUAL_CALL, 1, 2 * SECOND);
        assertThat(state).isNull();
    }

    @Test
    void rateOfRiseOfNineDegreesWithinSixtySeconds() {
        send(tower, SensorType.TEMPERATURE, 20, 0);
        send(tower, SensorType.TEMPERATURE, 28.9, 30 * SECOND);
        assertThat(alarms()).isEmpty();
        send(tower, SensorType.TEMPERATURE, 29, 60 * SECOND);
        assertThat(alarms()).extracting(a -> a.ts).containsExactly(60 * SECOND);
        assertThat(alarms().get(0).cause).isEqualTo("temperature rose 9.0 °C");
    }

    @Test
    void aRiseSpreadOverMoreThanSixtySecondsIsNotAnAlarm() {
        send(tower, SensorType.TEMPERATURE, 20, 0);
        send(tower, SensorType.TEMPERATURE, 29, 60 * SECOND + 1);
        assertThat(alarms()).isEmpty();
    }

    @Test
    void rateOfRiseIsFoundWhenTheLaterReadingArrivesFirst() {
        send(tower, SensorType.TEMPERATURE, 30, 50 * SECOND);
        send(tower, SensorType.TEMPERATURE, 20, 10 * SECOND);
        assertThat(alarms()).extracting(a -> a.ts).containsExactly(50 * SECOND);
        assertThat(alarms().get(0).evidence.value).isEqualTo(30);
    }

    @Test
    void aRiseIsMeasuredFromTheOldestPartnerInTheWindowAndAlarmsOnce() {
        send(tower, SensorType.TEMPERATURE, 20, 0);
        send(tower, SensorType.TEMPERATURE, 22, 30 * SECOND);
        send(tower, SensorType.TEMPERATURE, 34, 60 * SECOND);
        assertThat(alarms()).extracting(a -> a.cause).containsExactly("temperature rose 14.0 °C");
    }

    @Test
    void anEarlyReadingArrivingLateAlarmsForEveryLaterPartner() {
        send(tower, SensorType.TEMPERATURE, 30, 40 * SECOND);
        send(tower, SensorType.TEMPERATURE, 31, 50 * SECOND);
        send(tower, SensorType.TEMPERATURE, 20, 10 * SECOND);
        assertThat(alarms())
                .extracting(a -> a.ts + " " + a.cause)
                .containsExactly(
                        40 * SECOND + " temperature rose 10.0 °C",
                        50 * SECOND + " temperature rose 11.0 °C");
    }

    @Test
    void aRiskPointOverrideRaisesTheSmokeThreshold() {
        Site dusty =
                Events.site("rp-t", RiskPointKind.high_rise, 3, Map.of("fire.smokeAlarm", 5.0));
        send(dusty, SensorType.SMOKE, 4.0, 0);
        assertThat(alarms()).isEmpty();
        send(dusty, SensorType.SMOKE, 5.0, SECOND);
        assertThat(alarms()).hasSize(1);
    }

    @Test
    void onlyFireDevicesOfHighRisesWithoutFaultsCount() {
        Site slope = Events.site("rp-s", RiskPointKind.slope, 1, Map.of());
        assertThat(unit.reads(Events.reading(slope, "d", SensorType.SMOKE, 50, 0))).isFalse();
        assertThat(unit.reads(Events.reading(tower, "d", SensorType.SMOKE, 150, 0)))
                .as("out of span: a sensor fault")
                .isFalse();
        assertThat(unit.reads(Events.reading(tower, "d", SensorType.SMOKE, 50, 0))).isTrue();
        assertThat(unit.reads(Events.registered(tower, "d", SensorType.SMOKE))).isFalse();
    }

    @Test
    void temperatureHistoryIsForgottenOnceNoPartnerCanArrive() {
        send(tower, SensorType.TEMPERATURE, 20, 0);
        send(tower, SensorType.TEMPERATURE, 21, 30 * SECOND);
        assertThat(unit.due(state)).isEqualTo(60 * SECOND);
        watermark(61 * SECOND);
        assertThat(state.ts).containsExactly(30 * SECOND);
        watermark(90 * SECOND);
        assertThat(state).isNull();
    }

    @Test
    void theHostSendsEachAlarmOnItsSideOutputAndForgetsTheTemperatures() throws Exception {
        List<DeviceRuleUnit<?>> units = List.of(unit);
        try (var harness = KeyedHarness.open(new DeviceRuleHost(units), e -> e.deviceId)) {
            harness.processElement(
                    Events.reading(tower, "heat-1", "F2", SensorType.TEMPERATURE, 20, 0), 0);
            harness.processElement(
                    Events.reading(tower, "heat-1", "F2", SensorType.TEMPERATURE, 65, 30 * SECOND),
                    30 * SECOND);
            harness.processElement(
                    Events.reading(tower, "smoke-1", "F2", SensorType.SMOKE, 1.0, 0), 0);

            List<RuleMatch> matches = harness.extractOutputValues();
            assertThat(matches)
                    .extracting(match -> match.ruleId + " " + match.detectTs)
                    .containsExactly(
                            DetectorAlarmRule.ID + " " + 30 * SECOND,
                            DetectorAlarmRule.ID + " " + 30 * SECOND);
            assertThat(harness.getSideOutput(DetectorAlarmUnit.TAG))
                    .extracting(record -> record.getValue())
                    .extracting(alarm -> alarm.deviceId + " " + alarm.zone + " " + alarm.cause)
                    .containsExactly(
                            "heat-1 F2 temperature 65.0 °C", "heat-1 F2 temperature rose 45.0 °C");
            assertThat(harness.numKeyedStateEntries()).as("the heat detector only").isEqualTo(1);

            harness.processWatermark(90 * SECOND);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }
}
