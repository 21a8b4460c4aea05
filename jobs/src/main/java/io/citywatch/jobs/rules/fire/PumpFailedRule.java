package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.RuleWiring;
import io.citywatch.jobs.rules.WatermarkCeiling;
import io.citywatch.jobs.rules.cep.RiskPointCep;
import io.citywatch.jobs.rules.cep.WindowEndTicks;

import org.apache.flink.cep.EventComparator;
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
 * {@code fire.pump_failed} orange (Flink CEP): a water_pressure reading below {@code lowPressure}
 * not followed by pump_running = 1 from any pump of the risk point within {@link #PUMP_WINDOW}. The
 * absence is a {@code notFollowedBy} at the end of the pattern, so CEP completes the match when the
 * watermark passes the window; a {@link WatermarkCeiling} keeps a replay's end-of-input watermark
 * from completing windows its input never reached.
 */
public class PumpFailedRule extends Rule {
    public static final String ID = "fire.pump_failed";
    public static final Duration PUMP_WINDOW = Duration.ofSeconds(60);

    /**
     * CEP ends a partial match when time reaches start + within, before it looks at events of that
     * instant; one millisecond more lets a pump start at exactly 60 s count ("within" is
     * inclusive).
     */
    static final Duration CEP_WITHIN = PUMP_WINDOW.plusMillis(1);

    public PumpFailedRule() {
        super(ID);
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        RuleSettings settings = inputs.settings();
        RuleWiring wiring = inputs.wiring(this);
        RiskPointCep<DeviceEvent> signals =
                wiring.cepOfDeviceEvents(PumpFailedRule::isPressureOrPump, "pressures and pumps")
                        .clockStop(settings);
        inputs.reportPending(
                wiring.from(signals.signals())
                        .keyBy(event -> event.site.riskPointId)
                        .process(
                                new PumpWindowsPending(settings),
                                "pending",
                                "pending at clock stop"));
        return signals.windowEndTicks(
                        WindowEndTicks.ofDeviceEvents(CEP_WITHIN, PumpFailedRule::isLowPressure))
                .match(pattern(), new PressureBeforePump(), new Failed(settings));
    }

    /**
     * One low reading is the whole match, so skipping past it keeps the later low readings' own
     * windows: each low reading is judged on the minute that follows it.
     */
    static Pattern<DeviceEvent, DeviceEvent> pattern() {
        return Pattern.<DeviceEvent>begin("low", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(PumpFailedRule::isLowPressure))
                .notFollowedBy("running")
                .where(SimpleCondition.of(PumpFailedRule::isPumpRunning))
                .within(CEP_WITHIN);
    }

    static boolean isPressureOrPump(DeviceEvent event) {
        if (!event.isValidReading() || event.site.kind != RiskPointKind.high_rise) {
            return false;
        }
        SensorType type = event.reading.type;
        return type == SensorType.WATER_PRESSURE || type == SensorType.PUMP_RUNNING;
    }

    static double lowPressure(Site site) {
        return FireParams.LOW_PRESSURE.of(site);
    }

    static boolean isLowPressure(DeviceEvent event) {
        return event.isValidReading()
                && event.reading.type == SensorType.WATER_PRESSURE
                && event.reading.value < lowPressure(event.site);
    }

    static boolean isPumpRunning(DeviceEvent event) {
        return event.isValidReading()
                && event.reading.type == SensorType.PUMP_RUNNING
                && event.reading.value == 1;
    }

    /**
     * A pump start reported at the same instant as the low pressure is "within the next 60 s": take
     * the pressure first so the pump reading can follow it.
     */
    static class PressureBeforePump implements EventComparator<DeviceEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(DeviceEvent a, DeviceEvent b) {
            return Integer.compare(order(a), order(b));
        }

        private static int order(DeviceEvent event) {
            return event.isReading() && event.reading.type == SensorType.WATER_PRESSURE ? 0 : 1;
        }
    }

    static class Failed extends PatternProcessFunction<DeviceEvent, RuleMatch> {
        private final RuleSettings settings;

        Failed(RuleSettings settings) {
            this.settings = settings;
        }

        @Override
        public void processMatch(
                Map<String, List<DeviceEvent>> match, Context ctx, Collector<RuleMatch> out) {
            out.collect(toMatch(match.get("low").get(0), settings));
        }
    }

    static RuleMatch toMatch(DeviceEvent low, RuleSettings settings) {
        // the rule knows only when the minute without a pump start has passed
        RuleMatch match =
                RuleMatch.at(ID, Scenario.fire, low.site, low.ts, low.ts + PUMP_WINDOW.toMillis());
        match.level = AlertLevel.orange;
        match.deviceIds.add(low.deviceId);
        match.evidence.add(Evidence.of(low.reading));
        match.message =
                settings.text(
                        "Fire pump at %s did not start within %d s of water pressure %.3f MPa"
                                + " (below %.2f MPa) on %s",
                        "%1$s 消防水压 %3$.3f MPa（低于 %4$.2f MPa，%5$s）后 %2$d 秒内消防泵未启动",
                        low.site.name,
                        PUMP_WINDOW.toSeconds(),
                        low.reading.value,
                        lowPressure(low.site),
                        low.deviceId);
        return match;
    }
}
