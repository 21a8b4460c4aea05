package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Reading;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.flood.RainstormRule;
import io.citywatch.jobs.rules.geo.RainfallRule;
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

class RainLevelsTest {
    private static final long HOUR = 3_600_000;
    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());
    private final Site river = Events.site("rp-river", RiskPointKind.river_station, 1, Map.of());

    private KeyedOneInputStreamOperatorTestHarness<String, RainSum, RuleMatch> harness;
    private long clock;

    private void start(String ruleId, List<RainThreshold> table, RuleSettings settings)
            throws Exception {
        harness =
                KeyedHarness.open(
                        new RainLevels(ruleId, Scenario.geohazard, table, settings),
                        sum -> sum.deviceId);
    }

    private void geo() throws Exception {
        start(RainfallRule.ID, RainfallRule.TABLE, RuleSettings.defaults());
    }

    private void flood() throws Exception {
        start(RainstormRule.ID, RainstormRule.TABLE, RuleSettings.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    /** Sums over 1, 3, 6, 12, 24 h at the next hour. */
    private void sums(Site site, double h1, double h3, double h6, double h12, double h24)
            throws Exception {
        clock += HOUR;
        RainSum sum = new RainSum();
        sum.deviceId = "rain-1";
        sum.site = site;
        sum.ts = clock;
        sum.reading = Evidence.of(new Reading("rain-1", SensorType.RAINFALL, h1, clock));
        sum.sum1h = h1;
        sum.sum3h = h3;
        sum.sum6h = h6;
        sum.sum12h = h12;
        sum.sum24h = h24;
        harness.processElement(sum, clock);
    }

    private List<String> levels() {
        return harness.extractOutputValues().stream()
                .map(m -> m.clear ? "clear" : m.level.name())
                .toList();
    }

    @Test
    void geoRainfallIsTheHighestLevelAnyDurationReaches() throws Exception {
        geo();
        sums(slope, 36, 36, 36, 36, 36);
        sums(slope, 10, 80, 80, 80, 80);
        sums(slope, 10, 80, 80, 80, 200);
        assertThat(levels()).containsExactly("blue", "yellow", "red");
        RuleMatch red = harness.extractOutputValues().get(2);
        assertThat(red.deviceId).isEqualTo("rain-1");
        assertThat(red.selfClearing).isTrue();
        assertThat(red.message).contains("24 h").contains("200");
    }

    @Test
    void geoRainfallFiresExactlyAtEachThresholdAndNotJustBelow() throws Exception {
        geo();
        sums(slope, 34.9, 54.9, 69.9, 69.9, 99.9);
        assertThat(levels()).isEmpty();
        sums(slope, 35, 35, 35, 35, 35);
        sums(slope, 0, 75, 75, 75, 75);
        sums(slope, 0, 0, 120, 120, 120);
        sums(slope, 0, 0, 0, 0, 200);
        assertThat(levels()).containsExactly("blue", "yellow", "orange", "red");
    }

    @Test
    void clearsWhenNoDurationReachesBlueAnyMore() throws Exception {
        geo();
        sums(slope, 40, 40, 40, 40, 40);
        sums(slope, 30, 40, 40, 40, 40);
        sums(slope, 0, 0, 0, 0, 99);
        assertThat(levels()).containsExactly("blue", "clear");
    }

    @Test
    void aRiskPointOverridesAThreshold() throws Exception {
        geo();
        Site wet = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of("geo.rain1h.blue", 20.0));
        sums(wet, 20, 20, 20, 20, 20);
        assertThat(levels()).containsExactly("blue");
    }

    @Test
    void floodRainstormFollowsTheCmaSignals() throws Exception {
        flood();
        sums(river, 20, 40, 49.9, 49.9, 49.9);
        assertThat(levels()).isEmpty();
        sums(river, 20, 40, 49.9, 50, 50);
        sums(river, 20, 40, 50, 50, 50);
        sums(river, 20, 50, 50, 50, 50);
        sums(river, 20, 99.9, 99.9, 99.9, 99.9);
        sums(river, 60, 100, 100, 100, 100);
        assertThat(levels()).containsExactly("blue", "yellow", "orange", "red");
    }

    @Test
    void aSilentGaugeClearsItsLevelOnceTheLongestWindowHasPassed() throws Exception {
        geo();
        sums(slope, 40, 40, 40, 40, 40);
        harness.processWatermark(clock + 24 * HOUR - 1);
        assertThat(levels()).containsExactly("blue");
        harness.processWatermark(clock + 24 * HOUR);
        assertThat(levels()).containsExactly("blue", "clear");
        assertThat(harness.extractOutputValues().get(1).detectTs).isEqualTo(clock + 24 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aClearDueAfterTheReplayEndsIsReportedPending() throws Exception {
        start(
                RainfallRule.ID,
                RainfallRule.TABLE,
                new RuleSettings(2 * HOUR, Locale.ENGLISH, Duration.ofMinutes(10)));
        sums(slope, 40, 40, 40, 40, 40);
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(levels()).containsExactly("blue");
        assertThat(harness.getSideOutput(Pending.TAG))
                .extracting(r -> r.getValue().ruleId)
                .containsExactly("geo.rainfall.clear");
    }

    @Test
    void messagesSpeakChineseWhenAsked() throws Exception {
        start(
                RainfallRule.ID,
                RainfallRule.TABLE,
                new RuleSettings(
                        Long.MAX_VALUE, Locale.forLanguageTag("zh-CN"), Duration.ofMinutes(10)));
        sums(slope, 45, 45, 45, 45, 45);
        assertThat(harness.extractOutputValues().get(0).message).contains("黄色").contains("45.0 毫米");
        assertThat(harness.extractOutputValues().get(0).level).isEqualTo(AlertLevel.yellow);
    }
}
