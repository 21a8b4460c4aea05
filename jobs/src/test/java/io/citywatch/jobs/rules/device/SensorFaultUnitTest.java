package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
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

class SensorFaultUnitTest {
    private static final long MINUTE = 60_000;
    private static final double FAULT = 200; // tilt spans -90..90 degrees
    private static final double OK = 1.5;

    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());
    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness;

    private void start(RuleSettings settings) throws Exception {
        harness =
                KeyedHarness.open(
                        new DeviceRuleHost(List.of(new SensorFaultUnit(settings))),
                        event -> event.deviceId);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void tilt(Site site, double value, long minute) throws Exception {
        DeviceEvent event = Events.reading(site, "tilt-1", SensorType.TILT, value, minute * MINUTE);
        harness.processElement(event, minute * MINUTE);
    }

    private void tilt(double value, long minute) throws Exception {
        tilt(slope, value, minute);
    }

    private List<RuleMatch> matches() {
        return harness.extractOutputValues();
    }

    @Test
    void aHealthySensorKeepsNoStateAndNoTimerOnceItsReadingsAreTaken() throws Exception {
        start(RuleSettings.defaults());
        tilt(OK, 0);
        tilt(OK, 1);
        assertThat(harness.numKeyedStateEntries()).as("held until the watermark").isPositive();
        harness.processWatermark(MINUTE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        tilt(FAULT, 2);
        harness.processWatermark(2 * MINUTE);
        assertThat(harness.numEventTimeTimers()).as("the run is forgotten after quiet").isOne();
        tilt(OK, 3);
        harness.processWatermark(3 * MINUTE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(matches()).isEmpty();
    }

    @Test
    void threeFaultsInARowAreBlue() throws Exception {
        start(RuleSettings.defaults());
        tilt(FAULT, 0);
        tilt(-FAULT, 1);
        harness.processWatermark(MINUTE);
        assertThat(matches()).isEmpty();

        tilt(FAULT, 2);
        harness.processWatermark(2 * MINUTE);
        assertThat(matches())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.level).isEqualTo(AlertLevel.blue);
                            assertThat(m.deviceId).isEqualTo("tilt-1");
                            assertThat(m.locationKey).isEqualTo("rp-slope");
                            assertThat(m.startTs).isZero();
                            assertThat(m.detectTs).isEqualTo(2 * MINUTE);
                            assertThat(m.evidence)
                                    .extracting(e -> e.value)
                                    .containsExactly(FAULT, -FAULT, FAULT);
                            assertThat(m.message).contains("3 readings in a row");
                        });
    }

    @Test
    void aReadingDueWhenTheQuietTimerWouldFireIsStillTaken() throws Exception {
        start(RuleSettings.defaults());
        tilt(FAULT, 0);
        harness.processWatermark(0);
        long quietMinute = OrderedReadingsUnit.QUIET_MILLIS / MINUTE;
        tilt(FAULT, 1);
        tilt(FAULT, quietMinute);
        harness.processWatermark(MINUTE);
        assertThat(matches()).isEmpty();

        harness.processWatermark(quietMinute * MINUTE);
        assertThat(matches()).extracting(m -> m.detectTs).containsExactly(quietMinute * MINUTE);
    }

    @Test
    void aReadingInsideTheSpanBreaksTheRun() throws Exception {
        start(RuleSettings.defaults());
        tilt(FAULT, 0);
        tilt(FAULT, 1);
        tilt(OK, 2);
        tilt(FAULT, 3);
        tilt(FAULT, 4);
        harness.processWatermark(4 * MINUTE);
        assertThat(matches()).isEmpty();
    }

    @Test
    void exactlyAtTheSpanEdgeIsNoFault() throws Exception {
        start(RuleSettings.defaults());
        tilt(90, 0);
        tilt(-90, 1);
        tilt(90, 2);
        tilt(90.0001, 3);
        harness.processWatermark(3 * MINUTE);
        assertThat(matches()).isEmpty();
    }

    @Test
    void clearsWithTheNextReadingInsideTheSpanAndForgetsTheRun() throws Exception {
        start(RuleSettings.defaults());
        tilt(FAULT, 0);
        tilt(FAULT, 1);
        tilt(FAULT, 2);
        tilt(FAULT, 3);
        tilt(OK, 4);
        harness.processWatermark(4 * MINUTE);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false, true);
        RuleMatch clear = matches().get(1);
        assertThat(clear.episodeKey()).isEqualTo(matches().get(0).episodeKey());
        assertThat(clear.detectTs).isEqualTo(4 * MINUTE);
    }

    @Test
    void readingsAreCountedInEventTimeOrder() throws Exception {
        start(RuleSettings.defaults());
        // in event time: fault, ok, fault, fault; in arrival order three faults come first
        tilt(FAULT, 0);
        tilt(FAULT, 2);
        tilt(FAULT, 3);
        tilt(OK, 1);
        harness.processWatermark(3 * MINUTE);
        assertThat(matches()).isEmpty();

        tilt(FAULT, 5);
        tilt(FAULT, 4);
        harness.processWatermark(5 * MINUTE);
        assertThat(matches())
                .singleElement()
                .satisfies(m -> assertThat(m.startTs).isEqualTo(2 * MINUTE));
    }

    @Test
    void aRiskPointOverrideChangesTheRunLength() throws Exception {
        start(RuleSettings.defaults());
        Site strict =
                Events.site(
                        "rp-slope", RiskPointKind.slope, 1, Map.of("device.faultReadings", 2.0));
        tilt(strict, FAULT, 0);
        tilt(strict, FAULT, 1);
        harness.processWatermark(MINUTE);
        assertThat(matches()).extracting(m -> m.level).containsExactly(AlertLevel.blue);
    }

    @Test
    void messageInChinese() throws Exception {
        start(new RuleSettings(Long.MAX_VALUE, Locale.SIMPLIFIED_CHINESE, Duration.ofMinutes(10)));
        tilt(FAULT, 0);
        tilt(FAULT, 1);
        tilt(FAULT, 2);
        harness.processWatermark(2 * MINUTE);
        assertThat(matches())
                .singleElement()
                .satisfies(m -> assertThat(m.message).contains("传感器故障").contains("连续 3 次"));
    }

    @Test
    void aQuietDeviceIsForgottenAndItsAlertCleared() throws Exception {
        start(RuleSettings.defaults());
        tilt(FAULT, 0);
        tilt(FAULT, 1);
        tilt(FAULT, 2);
        harness.processWatermark(2 * MINUTE);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(2 * MINUTE + OrderedReadingsUnit.QUIET_MILLIS);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false, true);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aQuietTimeoutBeyondAReplaysEndIsPendingNotFired() throws Exception {
        start(new RuleSettings(10 * MINUTE, Locale.ENGLISH, Duration.ofMinutes(10)));
        tilt(FAULT, 0);
        tilt(FAULT, 1);
        tilt(FAULT, 2);
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false);
        assertThat(harness.getSideOutput(Pending.TAG))
                .extracting(r -> r.getValue())
                .singleElement()
                .satisfies(
                        (PendingTimeout p) -> {
                            assertThat(p.ruleId).isEqualTo(SensorFaultRule.ID);
                            assertThat(p.key).isEqualTo("tilt-1");
                        });
    }
}
