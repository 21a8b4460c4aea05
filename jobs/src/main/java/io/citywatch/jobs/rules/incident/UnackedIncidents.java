package io.citywatch.jobs.rules.incident;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The unacknowledged incidents of one place (keyed by locationKey). There is one alert episode per
 * rule and place, so the alert must stay open while any incident there is unacknowledged and take
 * the highest level among them; it clears when the last one is acknowledged or forgotten.
 */
public class UnackedIncidents extends KeyedProcessFunction<String, AckStage, RuleMatch> {
    private final RuleSettings settings;

    private transient MapState<String, AckStage> unacked;
    private transient ValueState<AlertLevel> alerted;

    public UnackedIncidents(RuleSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        unacked =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "unacked",
                                        Types.STRING,
                                        TypeInformation.of(AckStage.class)));
        alerted =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "alerted", TypeInformation.of(AlertLevel.class)));
    }

    @Override
    public void processElement(AckStage stage, Context ctx, Collector<RuleMatch> out)
            throws Exception {
        if (stage.level == null) {
            unacked.remove(stage.incidentId);
            if (unacked.isEmpty()) {
                if (alerted.value() != null) {
                    out.collect(clear(stage));
                }
                alerted.clear();
            }
            return;
        }
        unacked.put(stage.incidentId, stage);
        List<AckStage> open = new ArrayList<>();
        unacked.values().forEach(open::add);
        open.sort(
                Comparator.<AckStage>comparingLong(s -> s.reportedTs)
                        .thenComparing(s -> s.incidentId));
        AlertLevel highest = stage.level;
        for (AckStage other : open) {
            if (other.level.isHigherThan(highest)) {
                highest = other.level;
            }
        }
        if (alerted.value() == null || highest.isHigherThan(alerted.value())) {
            alerted.update(highest);
            out.collect(unackedMatch(stage, highest, open));
        }
    }

    private RuleMatch unackedMatch(AckStage latest, AlertLevel level, List<AckStage> open) {
        RuleMatch match = base(latest);
        match.level = level;
        match.startTs = open.get(0).reportedTs;
        for (AckStage stage : open) {
            match.incidentIds.add(stage.incidentId);
            match.evidence.add(stage.evidence);
        }
        AckStage oldest = open.get(0);
        long minutes = (latest.ts - oldest.reportedTs) / 60_000;
        String place = Places.name(latest.site, latest.locationKey);
        if (open.size() == 1) {
            match.message =
                    settings.text(
                            "Incident %s at %s has not been acknowledged %d min after it was"
                                    + " reported",
                            "%2$s 的事件 %1$s 报告 %3$d 分钟后仍未确认", oldest.incidentId, place, minutes);
        } else {
            match.message =
                    settings.text(
                            "%d incidents at %s are not acknowledged, the oldest (%s) for %d min",
                            "%2$s 有 %1$d 起事件未确认，最早的 %3$s 已 %4$d 分钟",
                            open.size(),
                            place,
                            oldest.incidentId,
                            minutes);
        }
        return match;
    }

    private static RuleMatch clear(AckStage stage) {
        RuleMatch match = base(stage);
        match.clear = true;
        return match;
    }

    private static RuleMatch base(AckStage stage) {
        RuleMatch match = new RuleMatch();
        match.ruleId = IncidentUnacknowledgedRule.ID;
        match.scenario = Scenario.incident;
        match.selfClearing = true;
        match.site = stage.site;
        match.locationKey = stage.locationKey;
        match.startTs = stage.ts;
        match.detectTs = stage.ts;
        return match;
    }
}
