package io.citywatch.jobs.rules;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.Evidence;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * Turns rule matches into alert episodes (SPEC §4 header): the first match opens an alert, a higher
 * level upgrades it, the same or a lower level is suppressed, and the episode ends when its rule
 * clears it or, for rules that do not, after clearAfter without a new match. Keyed by {@link
 * RuleMatch#episodeKey()}.
 */
public class AlertEpisodes extends KeyedProcessFunction<String, RuleMatch, Alert> {
    /** Evidence kept per alert; enough to explain it without growing with a long episode. */
    static final int MAX_EVIDENCE = 20;

    private final RuleSettings settings;

    private transient ValueState<Alert> openAlert;
    private transient ValueState<Long> clearTimer;

    public AlertEpisodes(RuleSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        openAlert =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "open-alert", TypeInformation.of(Alert.class)));
        clearTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("clear-timer", Types.LONG));
    }

    @Override
    public void processElement(RuleMatch match, Context ctx, Collector<Alert> out)
            throws Exception {
        Alert current = openAlert.value();
        if (match.clear) {
            if (current != null) {
                out.collect(change(current, AlertStatus.cleared, match.detectTs));
                end(ctx);
            }
            return;
        }
        if (current == null) {
            current = open(match);
            out.collect(current);
            openAlert.update(current);
        } else if (match.level.isHigherThan(current.level)) {
            current = upgrade(current, match);
            out.collect(current);
            openAlert.update(current);
        }
        if (!match.selfClearing) {
            scheduleClear(ctx, Math.max(match.detectTs, current.detectTs));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Alert current = openAlert.value();
        if (current == null) {
            clearTimer.clear();
            return;
        }
        if (settings.beyondClockStop(timestamp)) {
            ctx.output(
                    Pending.TAG,
                    new PendingTimeout(current.ruleId + ".clear", ctx.getCurrentKey(), timestamp));
            return;
        }
        out.collect(change(current, AlertStatus.cleared, timestamp));
        end(ctx);
    }

    private void scheduleClear(Context ctx, long lastMatchTs) throws Exception {
        long due = lastMatchTs + settings.clearAfterMillis;
        Long previous = clearTimer.value();
        if (previous != null && previous == due) {
            return;
        }
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        ctx.timerService().registerEventTimeTimer(due);
        clearTimer.update(due);
    }

    private void end(Context ctx) throws Exception {
        Long timer = clearTimer.value();
        if (timer != null) {
            ctx.timerService().deleteEventTimeTimer(timer);
        }
        openAlert.clear();
        clearTimer.clear();
    }

    static Alert open(RuleMatch match) {
        Alert alert = new Alert();
        alert.alertId = AlertIds.of(match.ruleId, match.locationKey, match.deviceId, match.startTs);
        alert.version = 1;
        alert.ruleId = match.ruleId;
        alert.scenario = match.scenario;
        alert.level = match.level;
        alert.status = AlertStatus.open;
        alert.riskPointId = match.locationKey;
        if (match.site != null) {
            alert.kind = match.site.kind;
            alert.district = match.site.district;
            alert.grid = match.site.grid;
            alert.lat = match.site.lat;
            alert.lon = match.site.lon;
        }
        alert.startTs = match.startTs;
        alert.detectTs = match.detectTs;
        alert.changeTs = match.detectTs;
        alert.deviceId = match.deviceId;
        alert.deviceIds.addAll(match.deviceIds);
        alert.incidentIds.addAll(match.incidentIds);
        addEvidence(alert, match.evidence);
        alert.message = match.message;
        return alert;
    }

    private static Alert upgrade(Alert current, RuleMatch match) {
        Alert next = change(current, AlertStatus.upgraded, match.detectTs);
        next.level = match.level;
        next.detectTs = match.detectTs;
        for (String id : match.deviceIds) {
            if (!next.deviceIds.contains(id)) {
                next.deviceIds.add(id);
            }
        }
        for (String id : match.incidentIds) {
            if (!next.incidentIds.contains(id)) {
                next.incidentIds.add(id);
            }
        }
        addEvidence(next, match.evidence);
        next.message = match.message;
        return next;
    }

    private static Alert change(Alert current, AlertStatus status, long changeTs) {
        Alert next = current.copy();
        next.version = current.version + 1;
        next.status = status;
        next.changeTs = changeTs;
        return next;
    }

    private static void addEvidence(Alert alert, List<Evidence> evidence) {
        for (Evidence item : evidence) {
            if (alert.evidence.size() >= MAX_EVIDENCE) {
                return;
            }
            alert.evidence.add(item);
        }
    }
}
