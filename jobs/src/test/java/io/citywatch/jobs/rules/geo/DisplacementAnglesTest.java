package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Reading;
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
import static org.assertj.core.api.Assertions.within;

class DisplacementAnglesTest {
    private static final long HOUR = 3_600_000;
    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());

    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, DisplacementAngle> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = KeyedHarness.open(new DisplacementAngles(), event -> event.deviceId);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void displacement(Site site, double mm, long ts) throws Exception {
        harness.processElement(Events.reading(site, "gnss-1", SensorType.DISPLACEMENT, mm, ts), ts);
    }

    private List<DisplacementAngle> angles() {
        return harness.extractOutputValues();
    }

    private static Evidence point(long ts, double value) {
        return Evidence.of(new Reading("d", SensorType.DISPLACEMENT, value, ts));
    }

    @Test
    void velocityIsTheLeastSquaresSlopeInMillimetresPerHour() {
        assertThat(
                        DisplacementAngles.velocityMmPerHour(
                                List.of(point(0, 10), point(HOUR, 11), point(2 * HOUR, 12))))
                .isCloseTo(1.0, within(1e-12));
        // not the end-to-end difference: the middle point pulls the line (0, 1, 5 over 0, 1, 2 h)
        assertThat(
                        DisplacementAngles.velocityMmPerHour(
                                List.of(point(0, 0), point(HOUR, 1), point(2 * HOUR, 5))))
                .isCloseTo(2.5, within(1e-12));
        // uneven spacing: 0 h, 0.5 h, 2 h with values on the line y = 3t
        assertThat(
                        DisplacementAngles.velocityMmPerHour(
                                List.of(point(0, 0), point(HOUR / 2, 1.5), point(2 * HOUR, 6))))
                .isCloseTo(3.0, within(1e-12));
    }

    @Test
    void theAngleIsFortyFiveDegreesAtTheSteadyVelocity() {
        assertThat(DisplacementAngles.tangentAngle(0.1, 0.1)).isCloseTo(45.0, within(1e-9));
        assertThat(DisplacementAngles.tangentAngle(-0.1, 0.1)).isCloseTo(-45.0, within(1e-9));
        assertThat(DisplacementAngles.tangentAngle(0.1 * Math.tan(Math.toRadians(85)), 0.1))
                .isCloseTo(85.0, within(1e-9));
    }

    @Test
    void emitsOneAngleFromTheThirdReadingOn() throws Exception {
        displacement(slope, 100.0, 0);
        displacement(slope, 100.1, HOUR);
        harness.processWatermark(HOUR);
        assertThat(angles()).isEmpty();

        displacement(slope, 100.2, 2 * HOUR);
        displacement(slope, 100.5, 3 * HOUR);
        harness.processWatermark(3 * HOUR);
        assertThat(angles()).extracting(a -> a.ts).containsExactly(2 * HOUR, 3 * HOUR);
        assertThat(angles().get(0).velocity).isCloseTo(0.1, within(1e-9));
        assertThat(angles().get(0).angle).isCloseTo(45.0, within(1e-9));
        assertThat(angles().get(1).velocity).isCloseTo(0.2, within(1e-9));
        assertThat(angles().get(1).readings)
                .extracting(r -> r.ts)
                .containsExactly(HOUR, 2 * HOUR, 3 * HOUR);
    }

    @Test
    void outOfOrderReadingsAreRegressedInEventTimeOrder() throws Exception {
        long minute = 60_000;
        displacement(slope, 100.0, 0);
        displacement(slope, 100.1, minute);
        displacement(slope, 100.6, 3 * minute);
        displacement(slope, 100.2, 2 * minute);
        harness.processWatermark(3 * minute);
        // in event time: (0, 1, 2 min) then (1, 2, 3 min), not the arrival order's (0, 1, 3 min)
        assertThat(angles()).extracting(a -> a.ts).containsExactly(2 * minute, 3 * minute);
        assertThat(angles().get(0).velocity).isCloseTo(6.0, within(1e-9));
        assertThat(angles().get(1).velocity).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void aReadingSentTwiceAtTheSameInstantCountsOnce() throws Exception {
        displacement(slope, 100.0, 0);
        displacement(slope, 100.1, HOUR);
        displacement(slope, 100.1, HOUR);
        harness.processWatermark(HOUR);
        assertThat(angles()).isEmpty();
    }

    @Test
    void aRiskPointOverridesTheSteadyVelocity() throws Exception {
        Site slow =
                Events.site("rp-slope", RiskPointKind.slope, 1, Map.of("geo.steadyVelocity", 0.2));
        displacement(slow, 100.0, 0);
        displacement(slow, 100.2, HOUR);
        displacement(slow, 100.4, 2 * HOUR);
        harness.processWatermark(2 * HOUR);
        assertThat(angles().get(0).angle).isCloseTo(45.0, within(1e-9));
    }

    @Test
    void onlyValidDisplacementReadingsOfSlopesAreInputs() {
        assertThat(
                        DisplacementAngles.isInput(
                                Events.reading(slope, "g", SensorType.DISPLACEMENT, 1.0, 0)))
                .isTrue();
        assertThat(
                        DisplacementAngles.isInput(
                                Events.reading(slope, "g", SensorType.DISPLACEMENT, 20000, 0)))
                .as("outside the physical span: a sensor fault")
                .isFalse();
        assertThat(DisplacementAngles.isInput(Events.reading(slope, "g", SensorType.TILT, 1, 0)))
                .isFalse();
        Site bridge = Events.site("rp-bridge", RiskPointKind.bridge, 1, Map.of());
        assertThat(
                        DisplacementAngles.isInput(
                                Events.reading(bridge, "g", SensorType.DISPLACEMENT, 1.0, 0)))
                .isFalse();
    }

    @Test
    void forgetsAQuietDevice() throws Exception {
        displacement(slope, 100.0, 0);
        displacement(slope, 100.1, HOUR);
        harness.processWatermark(HOUR);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(26 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
