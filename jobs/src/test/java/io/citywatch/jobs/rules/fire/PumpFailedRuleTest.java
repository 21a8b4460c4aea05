package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.cep.WindowEndTicks;
import io.citywatch.jobs.testing.CepHarness;
import io.citywatch.jobs.testing.Events;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PumpFailedRuleTest {
    private static final long SEC = 1000;
    private final Site tower = Events.site("rp-tower", RiskPointKind.high_rise, 2, Map.of());

    private CepHarness<DeviceEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                CepHarness.of(
                        WindowEndTicks.ofDeviceEvents(
                                PumpFailedRule.CEP_WITHIN, PumpFailedRule::isLowPressure),
                        PumpFailedRule.pattern(),
                        new PumpFailedRule.PressureBeforePump(),
                        new PumpFailedRule.Failed(RuleSettings.defaults()));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void pressure(Site site, double value, long sec) throws Exception {
        harness.processElement(
                Events.reading(site, "prs-1", SensorType.WATER_PRESSURE, value, sec * SEC));
    }

    private void pump(double value, long sec) throws Exception {
        harness.processElement(
                Events.reading(tower, "pmp-1", SensorType.PUMP_RUNNING, value, sec * SEC));
    }

    private List<RuleMatch> matches() {
        return harness.matches();
    }

    @Test
    void lowPressureWithoutAPumpStartIsOrangeOnceTheMinuteHasPassed() throws Exception {
        pressure(tower, 0.06, 0);
        pump(0, 30);
        harness.processWatermark(60 * SEC);
        assertThat(matches()).as("the minute is not over yet").isEmpty();

        harness.processWatermark(61 * SEC);
        assertThat(matches()).hasSize(1);
        RuleMatch match = matches().get(0);
        assertThat(match.ruleId).isEqualTo(PumpFailedRule.ID);
        assertThat(match.level).isEqualTo(AlertLevel.orange);
        assertThat(match.locationKey).isEqualTo("rp-tower");
        assertThat(match.deviceId).as("a risk-point rule").isNull();
        assertThat(match.startTs).isZero();
        assertThat(match.detectTs).isEqualTo(60 * SEC);
        assertThat(match.message).contains("did not start within 60 s", "0.060 MPa");
    }

    @Test
    void aPumpStartAtExactlySixtySecondsCounts() throws Exception {
        pressure(tower, 0.06, 0);
        pump(1, 60);
        harness.processWatermark(200 * SEC);
        assertThat(matches()).isEmpty();
    }

    @Test
    void aPumpStartJustAfterTheMinuteIsTooLate() throws Exception {
        pressure(tower, 0.06, 0);
        harness.processElement(
                Events.reading(tower, "pmp-1", SensorType.PUMP_RUNNING, 1, 60 * SEC + 1));
        harness.processWatermark(200 * SEC);
        assertThat(matches()).extracting(m -> m.level).containsExactly(AlertLevel.orange);
    }

    @Test
    void aPumpStartReportedAtTheSameInstantCounts() throws Exception {
        pump(1, 10);
        pressure(tower, 0.06, 10);
        harness.processWatermark(200 * SEC);
        assertThat(matches()).isEmpty();
    }

    @Test
    void exactlyAtTheLimitIsNotLowAndJustBelowIs() throws Exception {
        pressure(tower, 0.10, 0);
        harness.processWatermark(200 * SEC);
        assertThat(matches()).isEmpty();

        pressure(tower, 0.0999, 300);
        harness.processWatermark(400 * SEC);
        assertThat(matches()).hasSize(1);
    }

    @Test
    void aPumpStartThatArrivesBeforeTheLowReadingWithinTheWatermarkBoundStillCounts()
            throws Exception {
        pump(1, 20);
        pressure(tower, 0.06, 0);
        harness.processWatermark(200 * SEC);
        assertThat(matches()).isEmpty();
    }

    @Test
    void aPumpRunningBeforeThePressureDropDoesNotCount() throws Exception {
        pump(1, 0);
        pressure(tower, 0.06, 10);
        pump(0, 40);
        harness.processWatermark(200 * SEC);
        assertThat(matches()).hasSize(1);
    }

    @Test
    void aRiskPointOverrideMovesTheLowPressureLimit() throws Exception {
        Site strict =
                Events.site(
                        "rp-tower", RiskPointKind.high_rise, 2, Map.of("fire.lowPressure", 0.2));
        pressure(strict, 0.15, 0);
        harness.processWatermark(200 * SEC);
        assertThat(matches()).hasSize(1);
    }

    @Test
    void forgetsPartialMatchesOnceTheirMinuteHasPassed() throws Exception {
        pump(0, 0);
        harness.processWatermark(0);
        int idle = harness.stateEntries();

        pressure(tower, 0.06, 10);
        pressure(tower, 0.07, 40);
        pump(1, 50);
        harness.processWatermark(45 * SEC);
        assertThat(harness.timers()).isPositive();

        harness.processWatermark(200 * SEC);
        assertThat(matches()).isEmpty();
        assertThat(harness.timers()).isZero();
        assertThat(harness.stateEntries()).isEqualTo(idle);
    }

    @Test
    void ignoresSensorFaultsAndOtherKinds() {
        Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());
        assertThat(
                        PumpFailedRule.isPressureOrPump(
                                Events.reading(tower, "prs-1", SensorType.WATER_PRESSURE, -1, 0)))
                .as("below the physical span: a sensor fault")
                .isFalse();
        assertThat(
                        PumpFailedRule.isPressureOrPump(
                                Events.reading(slope, "prs-1", SensorType.WATER_PRESSURE, 0.06, 0)))
                .isFalse();
        assertThat(
                        PumpFailedRule.isPressureOrPump(
                                Events.reading(tower, "prs-1", SensorType.WATER_PRESSURE, 0.06, 0)))
                .isTrue();
    }
}
