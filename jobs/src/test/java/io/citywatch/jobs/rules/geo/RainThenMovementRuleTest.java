package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleHost;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.testing.CepHarness;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pattern over the slopes' signals, and the hosted units that send them. */
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

    /** The units the rule has the host run, with their signals handed to the CEP. */
    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> host(Site site)
            throws Exception {
        List<DeviceRuleUnit<?>> units =
                new RainThenMovementRule().deviceUnits(RuleSettings.defaults());
        assertThat(units)
                .extracting(DeviceRuleUnit::ruleId)
                .containsExactly("geo.rainfall", "geo.displacement");
        KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> host =
                KeyedHarness.open(new DeviceRuleHost(units), event -> event.deviceId);
        for (int minute = 10; minute <= 60; minute += 10) {
            long ts = minute * 60_000L;
            host.processElement(Events.reading(site, "rain-1", SensorType.RAINFALL, 6, ts), ts);
        }
        // from 2 h on 0.5 mm/h: 68.2° at 3 h (the regression starts flat), then 78.7°
        double[] mm = {100.0, 100.0, 100.0, 100.5, 101.0, 101.5};
        for (int h = 0; h < mm.length; h++) {
            host.processElement(
                    Events.reading(site, "disp-1", SensorType.DISPLACEMENT, mm[h], h * HOUR),
                    h * HOUR);
        }
        host.processWatermark(5 * HOUR);
        return host;
    }

    private static List<SlopeSignal> signals(
            KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> host) {
        return host.getSideOutput(SlopeSignal.TAG).stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void theHostedUnitsSendTheHeavyHourlyRainAndTheSteepAnglesOfASlope() throws Exception {
        try (var host = host(slope)) {
            List<SlopeSignal> signals = signals(host);
            assertThat(signals)
                    .extracting(s -> (s.rain ? "rain " : "movement ") + s.deviceId + "@" + s.ts)
                    .as("36 mm in the hour to 1 h (30 mm at 50 min is below 35 mm)")
                    .containsExactlyInAnyOrder(
                            "rain rain-1@" + HOUR,
                            "movement disp-1@" + 3 * HOUR,
                            "movement disp-1@" + 4 * HOUR,
                            "movement disp-1@" + 5 * HOUR);
            SlopeSignal rain = signals.stream().filter(s -> s.rain).findFirst().orElseThrow();
            assertThat(rain.value).isEqualTo(36.0);
            assertThat(rain.evidence).extracting(e -> e.value).containsExactly(6.0);

            for (SlopeSignal signal : signals) {
                harness.processElement(signal);
            }
            harness.processWatermark(5 * HOUR);
            assertThat(harness.matches())
                    .singleElement()
                    .satisfies(
                            m -> {
                                assertThat(m.level).isEqualTo(AlertLevel.orange);
                                assertThat(m.deviceIds).containsExactly("rain-1", "disp-1");
                                assertThat(m.startTs).isEqualTo(HOUR);
                                assertThat(m.detectTs).isEqualTo(3 * HOUR);
                                assertThat(m.evidence)
                                        .extracting(e -> e.deviceId + "@" + e.ts / 60_000)
                                        .containsExactly(
                                                "rain-1@60",
                                                "disp-1@60",
                                                "disp-1@120",
                                                "disp-1@180");
                            });
        }
    }

    @Test
    void aSlopeSetsItsOwnHeavyRainAndSteepAngle() throws Exception {
        Site wet =
                Events.site(
                        "rp-slope",
                        RiskPointKind.slope,
                        2,
                        Map.of("geo.movementRain1h", 30.0, "geo.movementAngle", 78.8));
        try (var host = host(wet)) {
            assertThat(signals(host))
                    .extracting(s -> (s.rain ? "rain " : "movement ") + s.ts / 60_000)
                    .as("30 mm at 50 min is heavy here, 78.7° is not steep")
                    .containsExactlyInAnyOrder("rain 50", "rain 60");
        }
    }
}
