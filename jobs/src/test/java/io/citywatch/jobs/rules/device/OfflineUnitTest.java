package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.DeviceEventKind;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleHost;
import io.citywatch.jobs.testing.Events;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineUnitTest {
    private static final long SECOND = 1000;
    private final Site site = Events.site("rp-1", RiskPointKind.high_rise, 2, Map.of());
    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness(RuleSettings.defaults());
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness(
            RuleSettings settings) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeviceRuleHost(List.of(new OfflineUnit(settings)))),
                event -> event.deviceId,
                Types.STRING);
    }

    private void reading(String device, long ts) throws Exception {
        harness.processElement(Events.reading(site, device, SensorType.SMOKE, 0.1, ts), ts);
    }

    private List<RuleMatch> matches() {
        return harness.extractOutputValues();
    }

    @Test
    void firesOnlyAfterMoreThanThreeReportingPeriods() throws Exception {
        reading("d1", 0);
        harness.processWatermark(180 * SECOND);
        assertThat(matches()).isEmpty();
        harness.processWatermark(180 * SECOND + 1);
        assertThat(matches()).extracting(m -> m.level).containsExactly(AlertLevel.blue);
        assertThat(matches().get(0).deviceId).isEqualTo("d1");
        assertThat(matches().get(0).detectTs).isEqualTo(180 * SECOND + 1);
    }

    @Test
    void aLateButOnTimeReadingOutOfOrderDoesNotPullTheDeadlineBack() throws Exception {
        reading("d1", 100 * SECOND);
        reading("d1", 80 * SECOND);
        harness.processWatermark(280 * SECOND);
        assertThat(matches()).isEmpty();
        harness.processWatermark(280 * SECOND + 1);
        assertThat(matches()).hasSize(1);
    }

    @Test
    void aSteadyDeviceKeepsOneTimerAndGoesOfflineExactlyAfterItsLastReading() throws Exception {
        for (long second = 0; second <= 180; second += 60) {
            reading("d1", second * SECOND);
            harness.processWatermark(second * SECOND);
            assertThat(harness.numEventTimeTimers()).isOne();
        }
        harness.processWatermark(360 * SECOND);
        assertThat(matches()).isEmpty();
        harness.processWatermark(360 * SECOND + 1);
        assertThat(matches()).extracting(m -> m.detectTs).containsExactly(360 * SECOND + 1);
    }

    @Test
    void aDeviceBackOnlineCanGoOfflineAgain() throws Exception {
        reading("d1", 0);
        harness.processWatermark(180 * SECOND + 1);
        reading("d1", 200 * SECOND);
        harness.processWatermark(380 * SECOND + 1);
        assertThat(matches())
                .extracting(m -> m.clear, m -> m.detectTs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(false, 180 * SECOND + 1),
                        org.assertj.core.groups.Tuple.tuple(true, 200 * SECOND),
                        org.assertj.core.groups.Tuple.tuple(false, 380 * SECOND + 1));
    }

    @Test
    void clearsWhenTheDeviceReportsAgain() throws Exception {
        reading("d1", 0);
        harness.processWatermark(200 * SECOND);
        reading("d1", 210 * SECOND);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false, true);
    }

    @Test
    void aDeviceThatNeverReportsIsCountedFromTheFirstWatermark() throws Exception {
        harness.processElement(Events.registered(site, "quiet", SensorType.SMOKE), Long.MIN_VALUE);
        harness.processWatermark(1_000 * SECOND);
        assertThat(matches()).isEmpty();
        harness.processWatermark(1_180 * SECOND);
        assertThat(matches()).isEmpty();
        harness.processWatermark(1_180 * SECOND + 1);
        assertThat(matches()).extracting(m -> m.deviceId).containsExactly("quiet");
    }

    @Test
    void aRiskPointOverrideChangesTheAllowedSilence() throws Exception {
        Site patient =
                Events.site(
                        "rp-1", RiskPointKind.high_rise, 2, Map.of("device.offlinePeriods", 5.0));
        harness.processElement(Events.reading(patient, "d1", SensorType.SMOKE, 0.1, 0), 0);
        harness.processWatermark(300 * SECOND);
        assertThat(matches()).isEmpty();
        harness.processWatermark(300 * SECOND + 1);
        assertThat(matches()).hasSize(1);
    }

    @Test
    void unregisteringForgetsTheDeviceAndClearsItsAlert() throws Exception {
        reading("d1", 0);
        harness.processWatermark(200 * SECOND);
        DeviceEvent gone = new DeviceEvent();
        gone.kind = DeviceEventKind.UNREGISTERED;
        gone.deviceId = "d1";
        harness.processElement(gone, Long.MIN_VALUE);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false, true);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aDeadlineBeyondTheReplayClockIsPendingNotFired() throws Exception {
        harness.close();
        harness = harness(new RuleSettings(100 * SECOND, Locale.ENGLISH, Duration.ofMinutes(10)));
        harness.open();
        reading("d1", 0);
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(matches()).isEmpty();
        assertThat(harness.getSideOutput(Pending.TAG)).hasSize(1);
    }
}
