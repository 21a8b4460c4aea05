package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Reading;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.flood.RainstormRule;
import io.citywatch.jobs.rules.geo.RainfallRule;
import io.citywatch.jobs.rules.host.DeviceRuleHost;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.host.RecordingContext;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;
import io.citywatch.jobs.testing.StreakHarness;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * geo.rainfall and flood.rainstorm, which share this unit: the trailing sums, the level table, and
 * in the host the order of the readings, repeats and a gauge going quiet.
 */
class RainUnitTest {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    /** The sums the recording unit saw, in order: static, so that the unit needs no reference. */
    private static final List<RainSum> SEEN = new ArrayList<>();

    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());
    private final Site river = Events.site("rp-river", RiskPointKind.river_station, 1, Map.of());

    private final RecordingContext context = new RecordingContext();
    private RainUnit unit;
    private RainState state;
    private long clock;
    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness;

    @BeforeEach
    void setUp() {
        SEEN.clear();
        context.deviceId = "rain-1";
        context.site = slope;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    /** geo.rainfall's unit, which also hands every sum to {@link #SEEN}. */
    private static RainUnit recording(RuleSettings settings) {
        return new RainUnit(
                RainfallRule.ID,
                Scenario.geohazard,
                RainfallRule.TABLE,
                settings,
                RainfallRule::isInput,
                DeviceRuleState.RAINFALL,
                (sum, context) -> SEEN.add(sum));
    }

    private void host(RainUnit hosted) throws Exception {
        harness = KeyedHarness.open(new DeviceRuleHost(List.of(hosted)), event -> event.deviceId);
    }

    private void rain(double mm, long ts) throws Exception {
        harness.processElement(Events.reading(slope, "rain-1", SensorType.RAINFALL, mm, ts), ts);
    }

    /** A reading straight into the unit, as the host hands it over: in event-time order. */
    private void direct(double mm, long ts) {
        DeviceEvent event = Events.reading(slope, "rain-1", SensorType.RAINFALL, mm, ts);
        state = unit.onEvent(state, event, context);
    }

    private List<String> levels(List<RuleMatch> matches) {
        return matches.stream().map(m -> m.clear ? "clear" : m.level.name()).toList();
    }

    // --- the trailing sums

    @Test
    void sumsEachTrailingWindowEndingAtTheReading() {
        unit = recording(RuleSettings.defaults());
        direct(10, 0);
        direct(5, 20 * HOUR);
        direct(2, 22 * HOUR);
        direct(1, 23 * HOUR + 30 * MINUTE);

        RainSum last = SEEN.get(3);
        assertThat(last.ts).isEqualTo(23 * HOUR + 30 * MINUTE);
        assertThat(last.sum1h).isCloseTo(1, within(1e-9));
        assertThat(last.sum3h).isCloseTo(3, within(1e-9));
        assertThat(last.sum6h).isCloseTo(8, within(1e-9));
        assertThat(last.sum12h).isCloseTo(8, within(1e-9));
        assertThat(last.sum24h).isCloseTo(18, within(1e-9));
        assertThat(last.reading.value).isEqualTo(1.0);
    }

    @Test
    void aReadingExactlyOneWindowBackMeasuredRainBeforeTheWindow() {
        unit = recording(RuleSettings.defaults());
        direct(30, 0);
        direct(10, HOUR);
        assertThat(SEEN.get(1).sum1h).isCloseTo(10, within(1e-9));
        assertThat(SEEN.get(1).sum3h).isCloseTo(40, within(1e-9));
    }

    @Test
    void outOfOrderReadingsAreSummedInEventTimeOrder() throws Exception {
        host(recording(RuleSettings.defaults()));
        rain(10, 0);
        rain(30, 40 * MINUTE);
        rain(20, 20 * MINUTE);
        harness.processWatermark(40 * MINUTE);
        assertThat(SEEN).extracting(s -> s.ts).containsExactly(0L, 20 * MINUTE, 40 * MINUTE);
        assertThat(SEEN).extracting(s -> s.sum1h).containsExactly(10.0, 30.0, 60.0);
    }

    @Test
    void aReadingSentTwiceIsCountedOnce() throws Exception {
        host(recording(RuleSettings.defaults()));
        rain(10, 0);
        rain(10, 0);
        harness.processWatermark(0);
        assertThat(SEEN).extracting(s -> s.sum1h).containsExactly(10.0);
    }

    @Test
    void aReadingSentAgainWithAnotherValueReplacesTheFirst() {
        unit = recording(RuleSettings.defaults());
        direct(10, 0);
        direct(4, 0);
        direct(0, 10 * MINUTE);
        direct(0, 10 * MINUTE);
        direct(7, 10 * MINUTE);
        direct(0, 10 * MINUTE);
        direct(1, 20 * MINUTE);
        assertThat(SEEN)
                .extracting(s -> s.sum1h)
                .containsExactly(10.0, 4.0, 4.0, 4.0, 11.0, 4.0, 5.0);
    }

    @Test
    void onlyValidRainfallReadingsOfTheRulesSitesAreInputs() {
        assertThat(RainfallRule.isInput(Events.reading(slope, "r", SensorType.RAINFALL, 12, 0)))
                .isTrue();
        assertThat(RainfallRule.isInput(Events.reading(slope, "r", SensorType.RAINFALL, 600, 0)))
                .as("above the 500 mm span: a sensor fault")
                .isFalse();
        assertThat(RainfallRule.isInput(Events.reading(slope, "r", SensorType.WATER_DEPTH, 12, 0)))
                .isFalse();
        assertThat(RainfallRule.isInput(Events.reading(river, "r", SensorType.RAINFALL, 12, 0)))
                .as("a river station's gauge is flood.rainstorm's")
                .isFalse();
    }

    @Test
    void keepsOnlyTheLastDayAndForgetsAQuietGauge() throws Exception {
        host(recording(RuleSettings.defaults()));
        rain(10, 0);
        rain(10, 30 * HOUR);
        harness.processWatermark(30 * HOUR);
        assertThat(SEEN.get(1).sum24h).isCloseTo(10, within(1e-9));
        harness.processWatermark(54 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /**
     * The window keeps only readings with rain: the sums are those of every reading of the last day
     * (as the shared sums operator kept them) to the last bit, repeats and re-sent instants
     * included.
     */
    @Test
    void dryReadingsLeftOutOfTheWindowChangeNoSum() {
        unit = recording(RuleSettings.defaults());
        Random random = new Random(12);
        List<long[]> times = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        long ts = 0;
        for (int i = 0; i < 3000; i++) {
            if (random.nextInt(10) > 0) {
                ts += (1 + random.nextInt(20)) * MINUTE;
            }
            double mm = random.nextInt(3) == 0 ? random.nextInt(40) * 0.1 : 0.0;
            // the old window: a re-sent instant replaces the reading before it
            if (!times.isEmpty() && times.get(times.size() - 1)[0] == ts) {
                times.remove(times.size() - 1);
                all.remove(all.size() - 1);
            }
            for (int k = times.size() - 1; k >= 0; k--) {
                if (times.get(k)[0] <= ts - RainUnit.LONGEST_WINDOW_MILLIS) {
                    times.remove(k);
                    all.remove(k);
                }
            }
            times.add(new long[] {ts});
            all.add(mm);
            direct(mm, ts);
            RainSum sum = SEEN.get(SEEN.size() - 1);
            for (int hours : RainUnit.WINDOW_HOURS) {
                double total = 0;
                for (int k = 0; k < times.size(); k++) {
                    if (times.get(k)[0] > ts - hours * HOUR) {
                        total += all.get(k);
                    }
                }
                assertThat(sum.sum(hours)).as("%d h at %d", hours, ts).isEqualTo(total);
            }
            int kept = state == null || state.ts == null ? 0 : state.ts.length;
            assertThat(kept).isEqualTo((int) all.stream().filter(mm0 -> mm0 != 0).count());
        }
    }

    @Test
    void aDryGaugeKeepsNothing() throws Exception {
        host(recording(RuleSettings.defaults()));
        for (int i = 0; i < 6; i++) {
            rain(0, i * 10 * MINUTE);
        }
        harness.processWatermark(HOUR);
        assertThat(SEEN).hasSize(6);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    // --- the levels

    private void geo() {
        unit = new RainfallRule().unit(RuleSettings.defaults());
        state = new RainState();
    }

    private void flood() {
        unit = new RainstormRule().unit(RuleSettings.defaults());
        state = new RainState();
    }

    /** Sums over 1, 3, 6, 12, 24 h at the next hour. */
    private void sums(Site site, double h1, double h3, double h6, double h12, double h24) {
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
        unit.judge(state, sum, context);
    }

    private List<String> levels() {
        return levels(context.matches);
    }

    @Test
    void geoRainfallIsTheHighestLevelAnyDurationReaches() {
        geo();
        sums(slope, 36, 36, 36, 36, 36);
        sums(slope, 10, 80, 80, 80, 80);
        sums(slope, 10, 80, 80, 80, 200);
        assertThat(levels()).containsExactly("blue", "yellow", "red");
        RuleMatch red = context.matches.get(2);
        assertThat(red.deviceId).isEqualTo("rain-1");
        assertThat(red.selfClearing).isTrue();
        assertThat(red.message).contains("24 h").contains("200");
    }

    @Test
    void geoRainfallFiresExactlyAtEachThresholdAndNotJustBelow() {
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
    void clearsWhenNoDurationReachesBlueAnyMore() {
        geo();
        sums(slope, 40, 40, 40, 40, 40);
        sums(slope, 30, 40, 40, 40, 40);
        sums(slope, 0, 0, 0, 0, 99);
        assertThat(levels()).containsExactly("blue", "clear");
    }

    @Test
    void aRiskPointOverridesAThreshold() {
        geo();
        Site wet = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of("geo.rain1h.blue", 20.0));
        sums(wet, 20, 20, 20, 20, 20);
        assertThat(levels()).containsExactly("blue");
    }

    @Test
    void floodRainstormFollowsTheCmaSignals() {
        flood();
        sums(river, 20, 40, 49.9, 49.9, 49.9);
        assertThat(levels()).isEmpty();
        sums(river, 20, 40, 49.9, 50, 50);
        sums(river, 20, 40, 50, 50, 50);
        sums(river, 20, 50, 50, 50, 50);
        sums(river, 20, 99.9, 99.9, 99.9, 99.9);
        sums(river, 60, 100, 100, 100, 100);
        assertThat(levels()).containsExactly("blue", "yellow", "orange", "red");
        assertThat(context.matches).extracting(m -> m.ruleId).containsOnly("flood.rainstorm");
    }

    @Test
    void aSilentGaugeClearsItsLevelOnceTheLongestWindowHasPassed() throws Exception {
        host(new RainfallRule().unit(RuleSettings.defaults()));
        rain(40, HOUR);
        harness.processWatermark(HOUR + 24 * HOUR - 1);
        assertThat(levels(harness.extractOutputValues())).containsExactly("blue");
        harness.processWatermark(HOUR + 24 * HOUR);
        assertThat(levels(harness.extractOutputValues())).containsExactly("blue", "clear");
        RuleMatch clear = harness.extractOutputValues().get(1);
        assertThat(clear.detectTs).isEqualTo(HOUR + 24 * HOUR);
        assertThat(clear.deviceId).isEqualTo("rain-1");
        assertThat(clear.selfClearing).isTrue();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /**
     * The levels' own day of silence ran whatever waited in the sums before them: a reading just
     * after the day, not yet passed by the watermark, neither delays the clear nor inherits the
     * level.
     */
    @Test
    void aSilentGaugeClearsOnTimeWhileItsNextReadingWaits() throws Exception {
        host(new RainfallRule().unit(RuleSettings.defaults()));
        rain(40, HOUR);
        rain(40, 25 * HOUR + 5 * MINUTE);
        harness.processWatermark(25 * HOUR);
        assertThat(levels(harness.extractOutputValues())).containsExactly("blue", "clear");
        assertThat(harness.extractOutputValues().get(1).detectTs).isEqualTo(25 * HOUR);
        harness.processWatermark(25 * HOUR + 5 * MINUTE);
        assertThat(levels(harness.extractOutputValues())).containsExactly("blue", "clear", "blue");
    }

    @Test
    void aClearDueAfterTheReplayEndsIsReportedPending() throws Exception {
        host(
                new RainfallRule()
                        .unit(new RuleSettings(2 * HOUR, Locale.ENGLISH, Duration.ofMinutes(10))));
        rain(40, HOUR);
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(levels(harness.extractOutputValues())).containsExactly("blue");
        assertThat(harness.getSideOutput(Pending.TAG))
                .extracting(r -> r.getValue().ruleId + "@" + r.getValue().dueTs)
                .containsExactly("geo.rainfall@" + 25 * HOUR);
    }

    @Test
    void messagesSpeakChineseWhenAsked() {
        unit =
                new RainfallRule()
                        .unit(
                                new RuleSettings(
                                        Long.MAX_VALUE,
                                        Locale.forLanguageTag("zh-CN"),
                                        Duration.ofMinutes(10)));
        state = new RainState();
        sums(slope, 45, 45, 45, 45, 45);
        assertThat(context.matches.get(0).message).contains("黄色").contains("45.0 毫米");
        assertThat(context.matches.get(0).level).isEqualTo(AlertLevel.yellow);
    }

    @Test
    void aMatchCarriesTheReadingThatReachedTheLevel() {
        unit = new RainfallRule().unit(RuleSettings.defaults());
        for (int minute = 10; minute <= 60; minute += 10) {
            direct(6.0, minute * MINUTE);
        }
        RuleMatch blue = context.matches.get(0);
        assertThat(blue.level).isEqualTo(AlertLevel.blue);
        assertThat(blue.detectTs).isEqualTo(HOUR);
        assertThat(blue.evidence)
                .extracting(e -> e.deviceId + " " + e.type + " " + e.value + "@" + e.ts)
                .containsExactly("rain-1 rainfall 6.0@" + HOUR);
        assertThat(blue.message)
                .isEqualTo(
                        "Rain gauge rain-1 at RP-SLOPE: 36.0 mm in 1 h reaches the blue threshold"
                                + " of 35 mm");
    }

    @Test
    void aGaugesWindowAndLevelCarryOverASnapshotOfTheHost() throws Exception {
        try (StreakHarness before = new StreakHarness(new RainfallRule())) {
            before.reading(slope, "rain-1", SensorType.RAINFALL, 20, 10);
            before.reading(slope, "rain-1", SensorType.RAINFALL, 10, 20);
            before.watermark(20 * MINUTE);
            try (StreakHarness after = before.restarted()) {
                after.registered(slope, "rain-1", SensorType.RAINFALL);
                after.reading(slope, "rain-1", SensorType.RAINFALL, 6, 30);
                after.reading(slope, "rain-1", SensorType.RAINFALL, 0, 90);
                after.watermark(90 * MINUTE);
                assertThat(levels(after.matches()))
                        .as("36 mm in 1 h at 30 min, then 6 mm in the hour to 90 min")
                        .containsExactly("blue", "clear");
            }
        }
    }
}
