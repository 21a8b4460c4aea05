package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.cep.WindowEndTicks;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.DeviceRules;
import io.citywatch.jobs.rules.host.UnitContext;
import io.citywatch.jobs.rules.series.RainSum;

import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code geo.rain_then_movement} orange (Flink CEP): a slope's rain gauge measures ≥ {@code
 * movementRain1h} 35 mm in 1 h, followed within {@code movementWindow} 6 h by a tangent angle ≥
 * {@code movementAngle} 45° at any displacement device of the same slope. Rain-triggered landslides
 * start moving during or soon after the storm; one angle is enough here because the rain already
 * made the slope suspect.
 */
public class RainThenMovementRule extends Rule {
    public static final String ID = "geo.rain_then_movement";

    /** The pattern's own time limit: the longest movementWindow a risk point may configure. */
    public static final Duration MAX_MOVEMENT_WINDOW = Duration.ofHours(24);

    public RainThenMovementRule() {
        super(ID);
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        RuleSettings settings = inputs.settings();
        return inputs.wiring(this)
                .cep(
                        DeviceRules.signals(inputs, SlopeSignal.TAG),
                        SlopeSignal.class,
                        signal -> signal.site.riskPointId)
                .clockStop(settings)
                .windowEndTicks(ticks())
                .match(pattern(), new Confirm(settings));
    }

    /** The units that send the signals: geo.rainfall's the rain, geo.displacement's the angles. */
    @Override
    public List<DeviceRuleUnit<?>> deviceUnits(RuleSettings settings) {
        return List.of(new RainfallRule().unit(settings), new DisplacementRule().unit(settings));
    }

    /** Only rain starts a window; it ends with the longest movementWindow a slope may have. */
    static WindowEndTicks<SlopeSignal> ticks() {
        return new WindowEndTicks<>(
                MAX_MOVEMENT_WINDOW, signal -> signal.ts, SlopeSignal::tick, signal -> signal.rain);
    }

    /** geo.rainfall's unit sends the hourly sums of slope gauges that reach movementRain1h. */
    static void heavyRain(RainSum sum, UnitContext context) {
        if (sum.sum1h >= GeoParams.MOVEMENT_RAIN_1H.of(sum.site)) {
            context.signal(SlopeSignal.TAG, SlopeSignal.of(sum));
        }
    }

    static Pattern<SlopeSignal, SlopeSignal> pattern() {
        return Pattern.<SlopeSignal>begin("rain", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(signal -> signal.rain))
                .followedBy("movement")
                .where(
                        new IterativeCondition<>() {
                            @Override
                            public boolean filter(SlopeSignal movement, Context<SlopeSignal> ctx)
                                    throws Exception {
                                if (movement.rain || movement.isTick()) {
                                    return false;
                                }
                                for (SlopeSignal rain : ctx.getEventsForPattern("rain")) {
                                    if (follows(rain, movement)) {
                                        return true;
                                    }
                                }
                                return false;
                            }
                        })
                .within(MAX_MOVEMENT_WINDOW);
    }

    /** The movement comes after the rain, within the risk point's window (inclusive). */
    static boolean follows(SlopeSignal rain, SlopeSignal movement) {
        double windowSec =
                Math.min(
                        GeoParams.MOVEMENT_WINDOW.of(movement.site),
                        MAX_MOVEMENT_WINDOW.toSeconds());
        long gap = movement.ts - rain.ts;
        return gap >= 0 && gap <= (long) (windowSec * 1000);
    }

    /** Builds the orange match from a completed pattern. */
    static class Confirm extends PatternProcessFunction<SlopeSignal, RuleMatch> {
        private final RuleSettings settings;

        Confirm(RuleSettings settings) {
            this.settings = settings;
        }

        @Override
        public void processMatch(
                Map<String, List<SlopeSignal>> match, Context ctx, Collector<RuleMatch> out) {
            SlopeSignal movement = match.get("movement").get(0);
            SlopeSignal rain = match.get("rain").get(0);
            out.collect(toMatch(rain, movement, settings));
        }
    }

    static RuleMatch toMatch(SlopeSignal rain, SlopeSignal movement, RuleSettings settings) {
        RuleMatch match = RuleMatch.at(ID, Scenario.geohazard, movement.site, rain.ts, movement.ts);
        match.level = AlertLevel.orange;
        match.deviceIds.add(rain.deviceId);
        match.deviceIds.add(movement.deviceId);
        match.evidence.addAll(rain.evidence);
        match.evidence.addAll(movement.evidence);
        long minutes = Math.round((movement.ts - rain.ts) / 60_000.0);
        match.message =
                settings.text(
                        "Slope %s moves after heavy rain: %.1f mm in 1 h at %s, then a tangent"
                                + " angle of %.1f° at %s %d min later",
                        "%1$s 强降雨后出现变形：%3$s 1 小时降雨 %2$.1f 毫米，%6$d 分钟后 %5$s 切线角达 %4$.1f°",
                        movement.site.name,
                        rain.value,
                        rain.deviceId,
                        movement.value,
                        movement.deviceId,
                        minutes);
        return match;
    }
}
