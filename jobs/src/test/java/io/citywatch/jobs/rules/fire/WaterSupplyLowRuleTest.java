package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.StreakHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WaterSupplyLowRuleTest {
    private static final long MIN = StreakHarness.MINUTE;
    private final Site tower = Events.site("rp-tower", RiskPointKind.high_rise, 2, Map.of());

    private final StreakHarness host = new StreakHarness(new WaterSupplyLowRule());

    @AfterEach
    void tearDown() throws Exception {
        host.close();
    }

    private void pressure(Site site, String device, double value, long min) throws Exception {
        host.reading(site, device, SensorType.WATER_PRESSURE, value, min);
    }

    private void pressure(double value, long min) throws Exception {
        pressure(tower, "prs-1", value, min);
    }

    @Test
    void threeLowReadingsInARowAreYellowForTheRiskPoint() throws Exception {
        pressure(0.08, 0);
        pressure(0.07, 1);
        host.watermark(MIN);
        assertThat(host.matches()).isEmpty();

        pressure(0.05, 2);
        host.watermark(2 * MIN);
        assertThat(host.matches()).hasSize(1);
        RuleMatch match = host.matches().get(0);
        assertThat(match.ruleId).isEqualTo(WaterSupplyLowRule.ID);
        assertThat(match.level).isEqualTo(AlertLevel.yellow);
        assertThat(match.locationKey).isEqualTo("rp-tower");
        assertThat(match.deviceId).as("episodes are per risk point").isNull();
        assertThat(match.startTs).isZero();
        assertThat(match.detectTs).isEqualTo(2 * MIN);
        assertThat(match.evidence).extracting(e -> e.value).containsExactly(0.08, 0.07, 0.05);
        assertThat(match.message).contains("3 readings in a row", "0.050 MPa");
    }

    @Test
    void aNormalReadingBreaksTheStreak() throws Exception {
        pressure(0.08, 0);
        pressure(0.08, 1);
        pressure(0.30, 2);
        pressure(0.08, 3);
        pressure(0.08, 4);
        host.watermark(4 * MIN);
        assertThat(host.matches()).isEmpty();

        pressure(0.08, 5);
        host.watermark(5 * MIN);
        assertThat(host.matches()).hasSize(1);
    }

    @Test
    void exactlyAtTheLimitIsNotLow() throws Exception {
        pressure(0.10, 0);
        pressure(0.10, 1);
        pressure(0.10, 2);
        host.watermark(2 * MIN);
        assertThat(host.matches()).isEmpty();

        pressure(0.0999, 3);
        pressure(0.0999, 4);
        pressure(0.0999, 5);
        host.watermark(5 * MIN);
        assertThat(host.matches()).hasSize(1);
    }

    @Test
    void readingsOutOfOrderWithinTheWatermarkBoundAreCountedInEventTimeOrder() throws Exception {
        // arrival order low, low, normal, low; in event time low, normal, low, low: no streak
        pressure(0.05, 0);
        pressure(0.05, 2);
        pressure(0.30, 1);
        pressure(0.05, 3);
        host.watermark(3 * MIN);
        assertThat(host.matches()).isEmpty();

        // the low at minute 4 arrives after minute 5: minutes 2-4 and 3-5 are both streaks
        pressure(0.05, 5);
        pressure(0.05, 4);
        host.watermark(5 * MIN);
        assertThat(host.matches()).extracting(m -> m.detectTs).containsExactly(4 * MIN, 5 * MIN);
    }

    @Test
    void lowReadingsOfDifferentDevicesDoNotAddUp() throws Exception {
        pressure(tower, "prs-1", 0.05, 0);
        pressure(tower, "prs-2", 0.05, 1);
        pressure(tower, "prs-1", 0.05, 2);
        pressure(tower, "prs-2", 0.05, 3);
        host.watermark(3 * MIN);
        assertThat(host.matches()).isEmpty();
    }

    @Test
    void aRiskPointOverrideMovesTheLimit() throws Exception {
        Site strict =
                Events.site(
                        "rp-tower", RiskPointKind.high_rise, 2, Map.of("fire.lowPressure", 0.2));
        pressure(strict, "prs-1", 0.15, 0);
        pressure(strict, "prs-1", 0.15, 1);
        pressure(strict, "prs-1", 0.15, 2);
        host.watermark(2 * MIN);
        assertThat(host.matches()).hasSize(1);
    }

    @Test
    void aStreakAndALowReadingWaitingForTheWatermarkCarryOverASnapshot() throws Exception {
        Site strict =
                Events.site(
                        "rp-tower", RiskPointKind.high_rise, 2, Map.of("fire.lowPressure", 0.2));
        pressure(strict, "prs-1", 0.15, 0);
        pressure(strict, "prs-1", 0.15, 1);
        host.watermark(MIN);
        pressure(strict, "prs-1", 0.15, 2);
        try (StreakHarness after = host.restarted()) {
            after.registered(strict, "prs-1", SensorType.WATER_PRESSURE);
            after.watermark(2 * MIN);
            assertThat(after.matches())
                    .singleElement()
                    .satisfies(
                            match -> {
                                assertThat(match.evidence)
                                        .extracting(e -> e.value)
                                        .containsExactly(0.15, 0.15, 0.15);
                                assertThat(match.message).contains("below 0.20 MPa");
                            });
        }
    }

    @Test
    void takesOnlyValidFirePressureReadings() {
        Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());
        assertThat(
                        WaterSupplyLowRule.isFirePressure(
                                Events.reading(tower, "prs-1", SensorType.WATER_PRESSURE, 12, 0)))
                .as("beyond the 0-10 MPa span: a sensor fault")
                .isFalse();
        assertThat(
                        WaterSupplyLowRule.isFirePressure(
                                Events.reading(slope, "prs-1", SensorType.WATER_PRESSURE, 0.05, 0)))
                .isFalse();
        assertThat(
                        WaterSupplyLowRule.isFirePressure(
                                Events.reading(tower, "pmp-1", SensorType.PUMP_RUNNING, 0, 0)))
                .isFalse();
        assertThat(
                        WaterSupplyLowRule.isFirePressure(
                                Events.reading(tower, "prs-1", SensorType.WATER_PRESSURE, 0.05, 0)))
                .isTrue();
    }

    @Test
    void forgetsADeviceThatWentQuiet() throws Exception {
        pressure(0.05, 0);
        pressure(0.05, 1);
        host.watermark(MIN);
        assertThat(host.stateEntries()).isPositive();

        host.watermark(MIN + OrderedReadingsUnit.QUIET_MILLIS);
        assertThat(host.stateEntries()).isZero();
        assertThat(host.timers()).isZero();
    }
}
