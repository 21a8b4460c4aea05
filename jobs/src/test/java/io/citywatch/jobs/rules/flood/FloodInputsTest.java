package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.testing.Events;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which readings the flood rules of this family take: their kinds, and no sensor faults. */
class FloodInputsTest {
    private final Site river = Events.site("rp-river", RiskPointKind.river_station, 1, Map.of());
    private final Site underpass = Events.site("rp-up", RiskPointKind.underpass, 1, Map.of());
    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());

    @Test
    void rapidRiseTakesValidWaterLevelsOfFloodSites() {
        assertThat(
                        RapidRiseRule.isInput(
                                Events.reading(river, "l", SensorType.WATER_LEVEL, 180, 0)))
                .isTrue();
        assertThat(
                        RapidRiseRule.isInput(
                                Events.reading(river, "l", SensorType.WATER_LEVEL, 9500, 0)))
                .as("beyond the span: a sensor fault")
                .isFalse();
        assertThat(
                        RapidRiseRule.isInput(
                                Events.reading(slope, "l", SensorType.WATER_LEVEL, 180, 0)))
                .isFalse();
    }

    @Test
    void underpassTakesValidWaterDepthsOfUnderpasses() {
        assertThat(
                        UnderpassRule.isInput(
                                Events.reading(underpass, "d", SensorType.WATER_DEPTH, 12, 0)))
                .isTrue();
        assertThat(
                        UnderpassRule.isInput(
                                Events.reading(underpass, "d", SensorType.WATER_DEPTH, 1200, 0)))
                .as("beyond the 1000 cm span: a sensor fault")
                .isFalse();
        assertThat(UnderpassRule.isInput(Events.reading(river, "d", SensorType.WATER_DEPTH, 12, 0)))
                .isFalse();
    }

    @Test
    void rainstormTakesValidRainfallOfRiverStationsAndUnderpasses() {
        assertThat(RainstormRule.isInput(Events.reading(river, "r", SensorType.RAINFALL, 12, 0)))
                .isTrue();
        assertThat(
                        RainstormRule.isInput(
                                Events.reading(underpass, "r", SensorType.RAINFALL, 12, 0)))
                .isTrue();
        assertThat(RainstormRule.isInput(Events.reading(slope, "r", SensorType.RAINFALL, 12, 0)))
                .isFalse();
        assertThat(RainstormRule.isInput(Events.reading(river, "r", SensorType.RAINFALL, 600, 0)))
                .as("above the 500 mm span: a sensor fault")
                .isFalse();
        assertThat(RainstormRule.isInput(Events.reading(river, "r", SensorType.WATER_DEPTH, 12, 0)))
                .isFalse();
    }
}
