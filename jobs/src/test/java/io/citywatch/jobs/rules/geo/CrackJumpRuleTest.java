package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.series.RiseUnit;
import io.citywatch.jobs.testing.Events;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CrackJumpRuleTest {
    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());
    private final RiseUnit unit = new CrackJumpRule().unit(RuleSettings.defaults());

    @Test
    void takesOnlyValidCrackWidthsOfSlopes() {
        assertThat(unit.reads(Events.reading(slope, "c", SensorType.CRACK_WIDTH, 5, 0))).isTrue();
        assertThat(unit.reads(Events.reading(slope, "c", SensorType.CRACK_WIDTH, 2500, 0)))
                .as("beyond the 2000 mm span: a sensor fault")
                .isFalse();
        Site bridge = Events.site("rp-bridge", RiskPointKind.bridge, 1, Map.of());
        assertThat(unit.reads(Events.reading(bridge, "c", SensorType.CRACK_WIDTH, 5, 0))).isFalse();
    }

    @Test
    void isAUnitOfTheHostInEventTimeOrder() {
        assertThat(unit.ruleId()).isEqualTo(CrackJumpRule.ID);
        assertThat(unit.inEventTimeOrder()).isTrue();
    }
}
