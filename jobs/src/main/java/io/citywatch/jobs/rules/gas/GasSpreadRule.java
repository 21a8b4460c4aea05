package io.citywatch.jobs.rules.gas;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.cep.PairsWith;
import io.citywatch.jobs.rules.cep.WindowEndTicks;

import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code gas.spread} red (Flink CEP): methane ≥ {@code alarm} at two different devices of the same
 * risk point within {@link #SPREAD_WINDOW}: gas found away from its first detector means a leak
 * that is spreading, not a local reading. One device repeating itself never matches.
 */
public class GasSpreadRule extends Rule {
    public static final String ID = "gas.spread";
    public static final Duration SPREAD_WINDOW = Duration.ofMinutes(10);

    /** CEP prunes at start + within before it sees that instant's events; "within" is inclusive. */
    static final Duration CEP_WITHIN = SPREAD_WINDOW.plusMillis(1);

    public GasSpreadRule() {
        super(ID);
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        return inputs.wiring(this)
                .cepOfDeviceEvents(
                        event -> Methane.isGasNetworkMethane(event) && isAlarm(event),
                        "methane alarms")
                .windowEndTicks(WindowEndTicks.ofDeviceEvents(CEP_WITHIN, event -> true))
                .match(pattern(), new Spread(inputs.settings()));
    }

    static boolean isAlarm(DeviceEvent event) {
        return event.reading.value >= Methane.alarm(event.site);
    }

    /**
     * Skipping past the second alarm drops the partial matches the same leak started meanwhile, so
     * one spreading leak gives one match, not one per pair of readings.
     */
    static Pattern<DeviceEvent, DeviceEvent> pattern() {
        return Pattern.<DeviceEvent>begin("first", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(event -> !WindowEndTicks.isTick(event)))
                .followedBy("second")
                .where(
                        new PairsWith<>(
                                "first",
                                event -> !WindowEndTicks.isTick(event),
                                (first, second) -> !first.deviceId.equals(second.deviceId)))
                .within(CEP_WITHIN);
    }

    static class Spread extends PatternProcessFunction<DeviceEvent, RuleMatch> {
        private final RuleSettings settings;

        Spread(RuleSettings settings) {
            this.settings = settings;
        }

        @Override
        public void processMatch(
                Map<String, List<DeviceEvent>> match, Context ctx, Collector<RuleMatch> out) {
            out.collect(toMatch(match.get("first").get(0), match.get("second").get(0), settings));
        }
    }

    static RuleMatch toMatch(DeviceEvent first, DeviceEvent second, RuleSettings settings) {
        RuleMatch match = RuleMatch.at(ID, Scenario.gas, second.site, first.ts, second.ts);
        match.level = AlertLevel.red;
        match.deviceIds.add(first.deviceId);
        match.deviceIds.add(second.deviceId);
        match.evidence.add(Evidence.of(first.reading));
        match.evidence.add(Evidence.of(second.reading));
        match.message =
                settings.text(
                        "Gas spreading at %s: methane %.1f %%LEL at %s and %.1f %%LEL at %s"
                                + " within %d min",
                        "%1$s 燃气扩散：%6$d 分钟内 %3$s 甲烷 %2$.1f %%LEL，%5$s 甲烷 %4$.1f %%LEL",
                        second.site.name,
                        first.reading.value,
                        first.deviceId,
                        second.reading.value,
                        second.deviceId,
                        SPREAD_WINDOW.toMinutes());
        return match;
    }
}
