package io.citywatch.jobs.rules;

import io.citywatch.common.geo.Geohash;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.Evidence;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
 * Turns rule matches into alert episodes (docs/contract.md §4 header): the first match opens an
 * alert, a higher level upgrades it, the same or a lower level is suppressed, and the episode ends
 * when its rule clears it or, for rules that do not, after clearAfter without a new match. Keyed by
 * {@link RuleMatch#episodeKey()}.
 */
public class AlertEpisodes extends KeyedProcessFunction<String, RuleMatch, Alert> {
    /** Evidence kept per alert; enough to explain it without growing with a long episode. */
    static final int MAX_EVIDENCE = 20;

    private static final String GRID_PREFIX = "geo:";

    static final int FLAPPING_CLEARS = 3;
    static final long FLAPPING_WINDOW_MILLIS = 3600_000;

    private final RuleSettings settings;
    private final boolean inEventTimeOrder;

    private transient ValueState<Alert> openAlert;
    private transient ValueState<Long> clearTimer;

    /** When this episode key cleared in the last hour, to recognise flapping. */
    private transient ListState<Long> recentClears;

    private transient ValueState<Long> historyTimer;
    private transient MapState<Long, List<RuleMatch>> waitingMatches;

    /**
     * With {@code inEventTimeOrder} (replays, backfills) matches wait for the watermark and are
     * taken in event-time order, so the output does not depend on which rule's watermark lagged;
     * otherwise (production) a match is handled at once, after a clear that fell due before it.
     */
    public AlertEpisodes(RuleSettings settings, boolean inEventTimeOrder) {
        this.settings = settings;
        this.inEventTimeOrder = inEventTimeOrder;
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
        recentClears =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("recent-clears", Types.LONG));
        historyTimer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("history-timer", Types.LONG));
        waitingMatches =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "waiting-matches",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(RuleMatch.class))));
    }

    @Override
    public void processElement(RuleMatch match, Context ctx, Collector<Alert> out)
            throws Exception {
        if (inEventTimeOrder) {
            List<RuleMatch> atTs = waitingMatches.get(match.detectTs);
            if (atTs == null) {
                atTs = new ArrayList<>();
                ctx.timerService().registerEventTimeTimer(match.detectTs);
            }
            atTs.add(match);
            waitingMatches.put(match.detectTs, atTs);
            return;
        }
        Long due = clearTimer.value();
        Alert open = openAlert.value();
        if (due != null && due < match.detectTs && open != null && !settings.beyondClockStop(due)) {
            deleteTimer(ctx, due);
            clearTimer.clear();
            clear(open, due, ctx, out);
        }
        handle(match, ctx, out);
    }

    private void handle(RuleMatch match, Context ctx, Collector<Alert> out) throws Exception {
        Alert current = openAlert.value();
        if (match.clear) {
            if (current != null) {
                clear(current, match.detectTs, ctx, out);
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
        if (!match.selfClearing || current.flapping) {
            scheduleClear(ctx, Math.max(match.detectTs, current.detectTs), current.flapping);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<RuleMatch> matches = waitingMatches.get(timestamp);
        if (matches != null) {
            waitingMatches.remove(timestamp);
            // a clear and a match at one instant: the match, then the clear (as the rule said)
            matches.sort(Comparator.comparing((RuleMatch m) -> m.clear));
            for (RuleMatch match : matches) {
                handle(match, ctx, out);
            }
        }
        Long history = historyTimer.value();
        if (history != null && history == timestamp) {
            forgetClearsBefore(timestamp - FLAPPING_WINDOW_MILLIS);
            historyTimer.clear();
            scheduleHistoryTimer(ctx);
        }
        Long due = clearTimer.value();
        if (due == null || due != timestamp) {
            return;
        }
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
        clearTimer.clear();
        clear(current, timestamp, ctx, out);
    }

    /** Ends the episode, unless it has been clearing and reopening too often. */
    private void clear(Alert current, long ts, Context ctx, Collector<Alert> out) throws Exception {
        forgetClearsBefore(ts - FLAPPING_WINDOW_MILLIS);
        int clears = 0;
        for (Long ignored : recentClears.get()) {
            clears++;
        }
        if (clears >= FLAPPING_CLEARS && !current.flapping) {
            Alert flapping = change(current, AlertStatus.open, ts);
            flapping.flapping = true;
            openAlert.update(flapping);
            out.collect(flapping);
            scheduleClear(ctx, ts, true);
            return;
        }
        if (current.flapping && clearTimer.value() != null) {
            // a flapping episode ends only by its quiet-hour timer
            return;
        }
        recentClears.add(ts);
        scheduleHistoryTimer(ctx);
        out.collect(change(current, AlertStatus.cleared, ts));
        end(ctx);
    }

    private void forgetClearsBefore(long horizon) throws Exception {
        List<Long> kept = new ArrayList<>();
        for (Long ts : recentClears.get()) {
            if (ts > horizon) {
                kept.add(ts);
            }
        }
        recentClears.update(kept);
    }

    private void scheduleHistoryTimer(Context ctx) throws Exception {
        if (historyTimer.value() != null) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (Long ts : recentClears.get()) {
            oldest = Math.min(oldest, ts);
        }
        if (oldest != Long.MAX_VALUE) {
            long due = oldest + FLAPPING_WINDOW_MILLIS;
            ctx.timerService().registerEventTimeTimer(due);
            historyTimer.update(due);
        }
    }

    private void scheduleClear(Context ctx, long lastMatchTs, boolean flapping) throws Exception {
        long quiet =
                flapping
                        ? Math.max(settings.clearAfterMillis, FLAPPING_WINDOW_MILLIS)
                        : settings.clearAfterMillis;
        long due = lastMatchTs + quiet;
        Long previous = clearTimer.value();
        if (previous != null && previous == due) {
            return;
        }
        if (previous != null) {
            deleteTimer(ctx, previous);
        }
        ctx.timerService().registerEventTimeTimer(due);
        clearTimer.update(due);
    }

    /**
     * Deletes a clear timer unless another use shares it: timers are unique per key and time, and a
     * match waiting for the watermark or the flapping history may be due at the same instant (a
     * clear-after of 10 min falls on a reading every 5 min); deleting theirs would lose the match.
     */
    private void deleteTimer(Context ctx, long timestamp) throws Exception {
        Long history = historyTimer.value();
        if (!waitingMatches.contains(timestamp) && (history == null || history != timestamp)) {
            ctx.timerService().deleteEventTimeTimer(timestamp);
        }
    }

    private void end(Context ctx) throws Exception {
        Long timer = clearTimer.value();
        if (timer != null) {
            deleteTimer(ctx, timer);
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
            alert.riskPointName = match.site.name;
            alert.kind = match.site.kind;
            alert.district = match.site.district;
            alert.grid = match.site.grid;
            alert.lat = match.site.lat;
            alert.lon = match.site.lon;
        } else if (match.locationKey != null && match.locationKey.startsWith(GRID_PREFIX)) {
            // an incident cell without a risk point: the map shows it at the cell's centre
            double[] centre = Geohash.centre(match.locationKey.substring(GRID_PREFIX.length()));
            alert.grid = match.locationKey;
            alert.lat = centre[0];
            alert.lon = centre[1];
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
