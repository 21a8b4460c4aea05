package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorAlarmsTest {
    private static final long SECOND = 1000;
    private final Site tower = Events.site("rp-t", RiskPointKind.high_rise, 3, Map.of());
    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, DetectorAlarm> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = KeyedHarness.open(new DetectorAlarms(), event -> event.deviceId);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(Site site, SensorType type, double value, long ts) throws Exception {
        harness.processElement(Events.reading(site, "dev", "F1", type, value, ts), ts);
    }

    private List<DetectorAlarm> alarms() {
        return harness.extractOutputValues();
    }

    @Test
    void smokeAlarmsAtThreeAndNotJustBelow() throws Exception {
        send(tower, SensorType.SMOKE, 2.999, 0);
        assertThat(alarms()).isEmpty();
        send(tower, SensorType.SMOKE, 3.0, SECOND);
        assertThat(alarms()).extracting(a -> a.ts).containsExactly(SECOND);
    }

    @Test
    void heatAlarmsAtSixtyDegrees() throws Exception {
        send(tower, SensorType.TEMPERATURE, 59.9, 0);
        assertThat(alarms()).isEmpty();
        send(tower, SensorType.TEMPERATURE, 60.0, 120 * SECOND);
        assertThat(alarms()).hasSize(1);
    }

    @Test
    void manualCallPointAlarmsWhenPressed() throws Exception {
        send(tower, SensorType.MANUAL_CALL, 0, 0);
        send(tower, SensorType.MANUAL_CALL, 1, SECOND);
        assertThat(alarms()).hasSize(1);
    }

    @Test
    void rateOfRiseOfNineDegreesWithinSixtySeconds() throws Exception {
        send(tower, SensorType.TEMPERATURE, 20, 0);
        send(tower, SensorType.TEMPERATURE, 28.9, 30 * SECOND);
        assertThat(alarms()).isEmpty();
        send(tower, SensorType.TEMPERATURE, 29, 60 * SECOND);
        assertThat(alarms()).extracting(a -> a.ts).containsExactly(60 * SECOND);
    }

    @Test
    void aRiseSpreadOverMoreThanSixtySecondsIsNotAnAlarm() throws Exception {
        send(tower, SensorType.TEMPERATURE, 20, 0);
        send(tower, SensorType.TEMPERATURE, 29, 60 * SECOND + 1);
        assertThat(alarms()).isEmpty();
    }

    @Test
    void rateOfRiseIsFoundWhenTheLaterReadingArrivesFirst() throws Exception {
        send(tower, SensorType.TEMPERATURE, 30, 50 * SECOND);
        send(tower, SensorType.TEMPERATURE, 20, 10 * SECOND);
        assertThat(alarms()).extracting(a -> a.ts).containsExactly(50 * SECOND);
    }

    @Test
    void aRiskPointOverrideRaisesTheSmokeThreshold() throws Exception {
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
        assertThat(
                        DetectorAlarms.isFireDetectorReading(
                                Events.reading(slope, "d", SensorType.SMOKE, 50, 0)))
                .isFalse();
        assertThat(
                        DetectorAlarms.isFireDetectorReading(
                                Events.reading(tower, "d", SensorType.SMOKE, 150, 0)))
                .as("out of span: a sensor fault")
                .isFalse();
        assertThat(
                        DetectorAlarms.isFireDetectorReading(
                                Events.reading(tower, "d", SensorType.SMOKE, 50, 0)))
                .isTrue();
    }

    @Test
    void temperatureHistoryIsForgottenOnceNoPartnerCanArrive() throws Exception {
        send(tower, SensorType.TEMPERATURE, 20, 0);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(61 * SECOND);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
