package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.testing.CepHarness;
import io.citywatch.jobs.testing.Events;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RainThenMovementRuleTest {
    private static final long HOUR = 3_600_000;
    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 2, Map.of());

    private CepHarness<SlopeSignal> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                CepHarness.of(
                        SlopeSignal.class,
                        signal -> signal.site.riskPointId,
                        signal -> signal.ts,
                        RainThenMovementRule.ticks(),
                        RainThenMovementRule.pattern(),
                        null,
                        new RainThenMovementRule.Confirm(RuleSettings.defaults()));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void signal(boolean rain, String deviceId, double value, long ts) throws Exception {
        SlopeSignal signal = new SlopeSignal();
        signal.rain = rain;
        signal.deviceId = deviceId;
        signal.site = slope;
        signal.value = value;
        signal.ts = ts;
        harness.processElement(signal);
    }

    @Test
    void heavyRainThenASteepAngleIsOrange() throws Exception {
        signal(true, "rain-1", 40, 0);
        signal(false, "disp-1", 50, 2 * HOUR);
        harness.processWatermark(2 * HOUR);
        assertThat(harness.matches())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.level).isEqualTo(AlertLevel.orange);
                            assertThat(m.deviceIds).containsExactly("rain-1", "disp-1");
                        });
    }

    @Test
    void forgetsTheRainOfASlopeThatGoesQuietOnceThePatternWindowHasPassed() throws Exception {
        signal(true, "rain-1", 40, 0);
        harness.processWatermark(HOUR);
        assertThat(harness.stateEntries()).as("a partial match waits for movement").isPositive();

        harness.processWatermark(RainThenMovementRule.MAX_MOVEMENT_WINDOW.toMillis());
        assertThat(harness.matches()).isEmpty();
        assertThat(harness.stateEntries()).isZero();
        assertThat(harness.timers()).isZero();
    }
}
