package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.IncidentCategory;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.IncidentEvent;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.RuleWiring;
import io.citywatch.jobs.rules.cep.PairsWith;
import io.citywatch.jobs.rules.cep.WindowEndTicks;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.DeviceRules;

import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code fire.confirmed} red (Flink CEP): alarms from two different detectors of the same zone, or
 * one detector alarm and a fire/smoke incident at the risk point, within {@code confirmWindow}, in
 * either order. One detector alarming again and again never confirms.
 */
public class FireConfirmedRule extends Rule {
    public static final String ID = "fire.confirmed";

    /**
     * The pattern's own time limit: the longest confirmWindow a risk point may configure. Partial
     * matches older than this are pruned by CEP whatever the per-risk-point window.
     */
    public static final Duration MAX_CONFIRM_WINDOW = Duration.ofMinutes(10);

    public FireConfirmedRule() {
        super(ID);
    }

    /** The detector alarms come from fire.detector_alarm's unit, listed or not. */
    @Override
    public List<DeviceRuleUnit<?>> deviceUnits(RuleSettings settings) {
        return List.of(new DetectorAlarmRule().unit(settings));
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        RuleSettings settings = inputs.settings();
        RuleWiring wiring = inputs.wiring(this);
        DataStream<FireSignal> alarms =
                wiring
                        .from(DeviceRules.signals(inputs, DetectorAlarmUnit.TAG))
                        .map(FireSignal::of, "alarms", "alarms")
                        .stream();
        DataStream<FireSignal> incidents =
                wiring
                        .from(inputs.incidents())
                        .filter(
                                FireConfirmedRule::isFireReportAtHighRise,
                                "incidents",
                                "fire incidents")
                        .map(FireConfirmedRule::signalOf, "incident-signals", "incident signals")
                        .stream();
        return wiring.cep(
                        alarms.union(incidents),
                        FireSignal.class,
                        signal -> signal.site.riskPointId)
                .clockStop(settings)
                .windowEndTicks(ticks())
                .match(pattern(), new Confirm(settings));
    }

    /** Every signal may start a pair, so every one gets a tick at the end of the longest window. */
    static WindowEndTicks<FireSignal> ticks() {
        return new WindowEndTicks<>(
                MAX_CONFIRM_WINDOW, signal -> signal.ts, FireSignal::tick, signal -> true);
    }

    static Pattern<FireSignal, FireSignal> pattern() {
        return Pattern.<FireSignal>begin("first", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(signal -> !signal.isTick()))
                .followedBy("second")
                .where(
                        new PairsWith<>(
                                "first", signal -> !signal.isTick(), FireConfirmedRule::confirms))
                .within(MAX_CONFIRM_WINDOW);
    }

    /** Symmetric, so that the order in which the two signals arrive does not matter. */
    static boolean confirms(FireSignal a, FireSignal b) {
        double windowSec =
                Math.min(FireParams.CONFIRM_WINDOW.of(a.site), MAX_CONFIRM_WINDOW.toSeconds());
        if (Math.abs(a.ts - b.ts) > (long) (windowSec * 1000)) {
            return false;
        }
        if (a.isAlarm() && b.isAlarm()) {
            return !a.deviceId.equals(b.deviceId) && sameZone(a, b);
        }
        return a.isAlarm() != b.isAlarm();
    }

    /** Zones group devices; where a risk point has none, the whole risk point is one zone. */
    private static boolean sameZone(FireSignal a, FireSignal b) {
        return a.zone == null || b.zone == null || Objects.equals(a.zone, b.zone);
    }

    static boolean isFireReportAtHighRise(IncidentEvent event) {
        return event.site != null
                && event.site.kind == RiskPointKind.high_rise
                && (event.incident.category == IncidentCategory.fire
                        || event.incident.category == IncidentCategory.smoke);
    }

    static FireSignal signalOf(IncidentEvent event) {
        FireSignal signal = new FireSignal();
        signal.incidentId = event.incident.incidentId;
        signal.site = event.site;
        signal.evidence = Evidence.of(event.incident);
        signal.ts = event.ts;
        return signal;
    }

    /** Builds the red match from the two signals of a completed pattern. */
    static class Confirm extends PatternProcessFunction<FireSignal, RuleMatch> {
        private final RuleSettings settings;

        Confirm(RuleSettings settings) {
            this.settings = settings;
        }

        @Override
        public void processMatch(
                Map<String, List<FireSignal>> match, Context ctx, Collector<RuleMatch> out) {
            FireSignal second = match.get("second").get(0);
            FireSignal first = null;
            for (FireSignal candidate : match.get("first")) {
                if (confirms(candidate, second)) {
                    first = candidate;
                    break;
                }
            }
            if (first == null) {
                return;
            }
            out.collect(toMatch(first, second, settings));
        }
    }

    static RuleMatch toMatch(FireSignal first, FireSignal second, RuleSettings settings) {
        RuleMatch match =
                RuleMatch.at(
                        ID,
                        Scenario.fire,
                        second.site,
                        Math.min(first.ts, second.ts),
                        Math.max(first.ts, second.ts));
        match.level = AlertLevel.red;
        for (FireSignal signal :
                first.ts <= second.ts ? List.of(first, second) : List.of(second, first)) {
            if (signal.isAlarm()) {
                match.deviceIds.add(signal.deviceId);
            } else {
                match.incidentIds.add(signal.incidentId);
            }
            match.evidence.add(signal.evidence);
        }
        String zone = first.zone != null ? first.zone : second.zone;
        String where = zone == null ? second.site.name : zone + " of " + second.site.name;
        String whereZh = zone == null ? second.site.name : second.site.name + " " + zone;
        if (match.incidentIds.isEmpty()) {
            match.message =
                    settings.text(
                            "Fire confirmed by 2 detectors on %s",
                            "%2$s 两个探测器确认火警", where, whereZh);
        } else {
            match.message =
                    settings.text(
                            "Fire confirmed by a detector and a reported incident on %s",
                            "%2$s 探测器报警并有火警报告，确认火警", where, whereZh);
        }
        return match;
    }
}
