package io.citywatch.jobs.rules.series;

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

class RainSumsTest {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());

    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RainSum> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = KeyedHarness.open(new RainSums(), event -> event.deviceId);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void rain(double mm, long ts) throws Exception {
        harness.processElement(Events.reading(slope, "rain-1", SensorType.RAINFALL, mm, ts), ts);
    }

    private List<RainSum> sums() {
        return harness.extractOutputValues();
    }

    @Test
    void sumsEachTrailingWindowEndingAtTheReading() throws Exception {
        rain(10, 0);
        rain(5, 20 * HOUR);
        rain(2, 22 * HOUR);
        rain(1, 23 * HOUR + 30 * MINUTE);
        harness.processWatermark(23 * HOUR + 30 * MINUTE);

        RainSum last = sums().get(3);
        assertThat(last.ts).isEqualTo(23 * HOUR + 30 * MINUTE);
        assertThat(last.sum1h).isCloseTo(1, within(1e-9));
        assertThat(last.sum3h).isCloseTo(3, within(1e-9));
        assertThat(last.sum6h).isCloseTo(8, within(1e-9));
        assertThat(last.sum12h).isCloseTo(8, within(1e-9));
        assertThat(last.sum24h).isCloseTo(18, within(1e-9));
        assertThat(last.reading.value).isEqualTo(1.0);
    }

    @Test
    void aReadingExactlyOneWindowBackMeasuredRainBeforeTheWindow() throws Exception {
        rain(30, 0);
        rain(10, HOUR);
        harness.processWatermark(HOUR);
        assertThat(sums().get(1).sum1h).isCloseTo(10, within(1e-9));
        assertThat(sums().get(1).sum3h).isCloseTo(40, within(1e-9));
    }

    @Test
    void outOfOrderReadingsAreSummedInEventTimeOrder() throws Exception {
        rain(10, 0);
        rain(30, 40 * MINUTE);
        rain(20, 20 * MINUTE);
        harness.processWatermark(40 * MINUTE);
        assertThat(sums()).extracting(s -> s.ts).containsExactly(0L, 20 * MINUTE, 40 * MINUTE);
        assertThat(sums()).extracting(s -> s.sum1h).containsExactly(10.0, 30.0, 60.0);
    }

    @Test
    void aReadingSentTwiceIsCountedOnce() throws Exception {
        rain(10, 0);
        rain(10, 0);
        harness.processWatermark(0);
        assertThat(sums()).extracting(s -> s.sum1h).containsExactly(10.0);
    }

    @Test
    void onlyValidRainfallReadingsAreInputs() {
        assertThat(RainSums.isInput(Events.reading(slope, "r", SensorType.RAINFALL, 12, 0)))
                .isTrue();
        assertThat(RainSums.isInput(Events.reading(slope, "r", SensorType.RAINFALL, 600, 0)))
                .as("above the 500 mm span: a sensor fault")
                .isFalse();
        assertThat(RainSums.isInput(Events.reading(slope, "r", SensorType.WATER_DEPTH, 12, 0)))
                .isFalse();
    }

    @Test
    void keepsOnlyTheLastDayAndForgetsAQuietGauge() throws Exception {
        rain(10, 0);
        rain(10, 30 * HOUR);
        harness.processWatermark(30 * HOUR);
        assertThat(sums().get(1).sum24h).isCloseTo(10, within(1e-9));
        harness.processWatermark(54 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
