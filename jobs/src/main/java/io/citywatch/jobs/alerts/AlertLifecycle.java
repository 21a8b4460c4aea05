package io.citywatch.jobs.alerts;

import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.ActionType;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertReview;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.jobs.ingest.Outputs;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The closed loop of one alert (docs/contract.md §5), keyed by alertId: it owns the alert's
 * changelog and its version, applies operator actions, escalates what nobody answers, and writes
 * one review when the alert ends. Actions wait for the watermark to pass their time, so that the
 * alert they name has certainly arrived: an action for an id that is still unknown then is really
 * unknown.
 *
 * <p>In a replay or a backfill every change waits for the watermark and all are taken in event-time
 * order, so that the output does not depend on which input's watermark happened to lag. In
 * production a change from the rules goes out at once (alert latency matters more), after any
 * escalation that fell due before it.
 */
public class AlertLifecycle extends KeyedCoProcessFunction<String, Alert, ActionEvent, Alert> {
    public static final OutputTag<AlertReview> REVIEWS =
            new OutputTag<>("alert-reviews", TypeInformation.of(AlertReview.class));

    /** How long an ended alert is remembered, to explain actions that come after its end. */
    static final long RETENTION_MILLIS = 24 * 3600 * 1000L;

    private final RuleSettings settings;
    private final String actionsTopic;
    private final boolean inEventTimeOrder;

    private transient ValueState<LifecycleState> state;
    private transient MapState<Long, List<ActionEvent>> waitingActions;
    private transient MapState<Long, List<Alert>> waitingProposals;

    public AlertLifecycle(RuleSettings settings, String actionsTopic, boolean inEventTimeOrder) {
        this.settings = settings;
        this.actionsTopic = actionsTopic;
        this.inEventTimeOrder = inEventTimeOrder;
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "lifecycle", TypeInformation.of(LifecycleState.class)));
        waitingActions =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "waiting-actions",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(ActionEvent.class))));
        waitingProposals =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "waiting-proposals",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(Alert.class))));
    }

    /** A change decided by the alert's episode: open, upgrade, flapping, or cleared. */
    @Override
    public void processElement1(Alert proposal, Context ctx, Collector<Alert> out)
            throws Exception {
        if (inEventTimeOrder) {
            List<Alert> atTs = waitingProposals.get(proposal.changeTs);
            if (atTs == null) {
                atTs = new ArrayList<>();
                ctx.timerService().registerEventTimeTimer(proposal.changeTs);
            }
            atTs.add(proposal);
            waitingProposals.put(proposal.changeTs, atTs);
            return;
        }
        escalateDueBefore(proposal.changeTs, ctx, out);
        propose(proposal, ctx, out);
    }

    private void propose(Alert proposal, Context ctx, Collector<Alert> out) throws Exception {
        LifecycleState current = state.value();
        if (current == null) {
            if (proposal.status == AlertStatus.open) {
                open(proposal, ctx, out);
            }
            return;
        }
        if (current.ended) {
            // an operator ended it while its rule still matches: the episode ends on its own
            return;
        }
        switch (proposal.status) {
            case upgraded -> upgrade(current, proposal, ctx, out);
            case cleared -> end(current, AlertStatus.cleared, proposal.changeTs, ctx, out);
            case open -> {
                if (proposal.flapping && !current.alert.flapping) {
                    Alert next = change(current, current.alert.status, proposal.changeTs);
                    next.flapping = true;
                    emit(current, next, out);
                }
            }
            default -> {}
        }
    }

    @Override
    public void processElement2(ActionEvent action, Context ctx, Collector<Alert> out)
            throws Exception {
        List<ActionEvent> atTs = waitingActions.get(action.ts);
        if (atTs == null) {
            atTs = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(action.ts);
        }
        atTs.add(action);
        waitingActions.put(action.ts, atTs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<Alert> proposals = waitingProposals.get(timestamp);
        if (proposals != null) {
            waitingProposals.remove(timestamp);
            // open before upgrade before clear: the order the episode emitted them in
            proposals.sort(Comparator.comparingInt(p -> p.status.ordinal()));
            for (Alert proposal : proposals) {
                propose(proposal, ctx, out);
            }
        }
        List<ActionEvent> actions = waitingActions.get(timestamp);
        if (actions != null) {
            waitingActions.remove(timestamp);
            actions.sort(Comparator.comparingLong(a -> a.position));
            for (ActionEvent action : actions) {
                apply(action, ctx, out);
            }
        }
        LifecycleState current = state.value();
        if (current == null) {
            return;
        }
        if (!current.ended
                && current.nextEscalationTs != null
                && current.nextEscalationTs == timestamp) {
            if (settings.beyondClockStop(timestamp)) {
                ctx.output(
                        Pending.TAG,
                        new PendingTimeout(
                                current.alert.ruleId + ".escalation",
                                ctx.getCurrentKey(),
                                timestamp));
            } else {
                escalate(current, timestamp, ctx, out);
            }
        } else if (current.ended && current.forgetAt == timestamp) {
            state.clear();
        }
    }

    /** Escalations that fell due before {@code ts} but whose timer has not fired yet. */
    private void escalateDueBefore(long ts, Context ctx, Collector<Alert> out) throws Exception {
        LifecycleState current = state.value();
        while (current != null
                && !current.ended
                && current.nextEscalationTs != null
                && current.nextEscalationTs <= ts
                && !settings.beyondClockStop(current.nextEscalationTs)) {
            long due = current.nextEscalationTs;
            deleteTimer(current, due, ctx);
            escalate(current, due, ctx, out);
            current = state.value();
        }
    }

    private void open(Alert proposal, Context ctx, Collector<Alert> out) throws Exception {
        LifecycleState fresh = new LifecycleState();
        Alert alert = proposal.copy();
        alert.version = 1;
        alert.escalation = 0;
        fresh.alert = alert;
        fresh.openTs = proposal.changeTs;
        scheduleEscalation(fresh, fresh.openTs, ctx);
        state.update(fresh);
        out.collect(alert);
    }

    private void upgrade(LifecycleState current, Alert proposal, Context ctx, Collector<Alert> out)
            throws Exception {
        Alert next = change(current, AlertStatus.upgraded, proposal.changeTs);
        next.level = proposal.level;
        next.detectTs = proposal.detectTs;
        next.deviceIds = new ArrayList<>(proposal.deviceIds);
        next.incidentIds = new ArrayList<>(proposal.incidentIds);
        next.evidence = new ArrayList<>(proposal.evidence);
        next.message = proposal.message;
        next.flapping = current.alert.flapping || proposal.flapping;
        if (!current.actedOn) {
            // a more severe level shortens the time anyone may leave it unanswered
            long interval = Escalation.intervalMillis(next.level);
            if (interval > 0
                    && (current.nextEscalationTs == null
                            || proposal.changeTs + interval < current.nextEscalationTs)
                    && next.escalation < Escalation.MAX_ESCALATIONS) {
                cancelEscalation(current, ctx);
                current.nextEscalationTs = proposal.changeTs + interval;
                ctx.timerService().registerEventTimeTimer(current.nextEscalationTs);
            }
        }
        emit(current, next, out);
    }

    private void escalate(LifecycleState current, long ts, Context ctx, Collector<Alert> out)
            throws Exception {
        Alert next = change(current, AlertStatus.escalated, ts);
        next.escalation = current.alert.escalation + 1;
        current.nextEscalationTs = null;
        emit(current, next, out);
        if (next.escalation < Escalation.MAX_ESCALATIONS) {
            scheduleEscalation(current, ts, ctx);
            state.update(current);
        }
    }

    private void apply(ActionEvent event, Context ctx, Collector<Alert> out) throws Exception {
        LifecycleState current = state.value();
        if (current == null) {
            reject(
                    event,
                    RejectReason.unknown_alert,
                    "no alert has id " + event.action.alertId,
                    ctx);
            return;
        }
        if (current.ended) {
            reject(
                    event,
                    RejectReason.invalid_action,
                    "the alert has already ended as " + current.alert.status,
                    ctx);
            return;
        }
        if (event.ts < current.openTs) {
            reject(
                    event,
                    RejectReason.invalid_action,
                    "the action is older than the alert it names",
                    ctx);
            return;
        }
        ActionType type = event.action.action;
        if (type == ActionType.acknowledge && current.ackTs != null) {
            reject(event, RejectReason.invalid_action, "the alert is already acknowledged", ctx);
            return;
        }
        if (type == ActionType.dispatch && current.dispatchTs != null) {
            reject(event, RejectReason.invalid_action, "a crew is already dispatched", ctx);
            return;
        }
        current.actedOn = true;
        cancelEscalation(current, ctx);
        switch (type) {
            case acknowledge -> {
                current.ackTs = event.ts;
                emit(current, change(current, AlertStatus.acknowledged, event.ts), out);
            }
            case dispatch -> {
                // sending a crew answers the alert too
                if (current.ackTs == null) {
                    current.ackTs = event.ts;
                }
                current.dispatchTs = event.ts;
                emit(current, change(current, AlertStatus.dispatched, event.ts), out);
            }
            case resolve -> {
                current.resolveTs = event.ts;
                end(current, AlertStatus.resolved, event.ts, ctx, out);
            }
            case false_alarm -> end(current, AlertStatus.false_alarm, event.ts, ctx, out);
        }
    }

    private void end(
            LifecycleState current, AlertStatus status, long ts, Context ctx, Collector<Alert> out)
            throws Exception {
        cancelEscalation(current, ctx);
        Alert last = change(current, status, ts);
        current.ended = true;
        current.forgetAt = ts + RETENTION_MILLIS;
        ctx.timerService().registerEventTimeTimer(current.forgetAt);
        emit(current, last, out);
        ctx.output(REVIEWS, review(current, ts));
    }

    private static AlertReview review(LifecycleState current, long endTs) {
        Alert alert = current.alert;
        AlertReview review = new AlertReview();
        review.alertId = alert.alertId;
        review.ruleId = alert.ruleId;
        review.scenario = alert.scenario;
        review.level = alert.level;
        review.district = alert.district;
        review.riskPointId = alert.riskPointId;
        review.endStatus = alert.status;
        review.openTs = current.openTs;
        review.endTs = endTs;
        review.ackSeconds = secondsSinceOpen(current, current.ackTs);
        review.dispatchSeconds = secondsSinceOpen(current, current.dispatchTs);
        review.resolveSeconds = secondsSinceOpen(current, current.resolveTs);
        review.escalations = alert.escalation;
        return review;
    }

    private static Long secondsSinceOpen(LifecycleState current, Long ts) {
        return ts == null ? null : (ts - current.openTs) / 1000;
    }

    private void scheduleEscalation(LifecycleState current, long from, Context ctx) {
        long interval = Escalation.intervalMillis(current.alert.level);
        if (interval <= 0) {
            return;
        }
        current.nextEscalationTs = from + interval;
        ctx.timerService().registerEventTimeTimer(current.nextEscalationTs);
    }

    private void cancelEscalation(LifecycleState current, Context ctx) throws Exception {
        if (current.nextEscalationTs != null) {
            deleteTimer(current, current.nextEscalationTs, ctx);
            current.nextEscalationTs = null;
        }
    }

    /**
     * Deletes an escalation timer unless another use shares it: timers are unique per key and time,
     * and a change or an action waiting for the watermark, or the forgetting, may be due at the
     * same instant; deleting theirs would lose them.
     */
    private void deleteTimer(LifecycleState current, long timestamp, Context ctx) throws Exception {
        boolean shared =
                waitingProposals.contains(timestamp)
                        || waitingActions.contains(timestamp)
                        || (current.ended && current.forgetAt == timestamp);
        if (!shared) {
            ctx.timerService().deleteEventTimeTimer(timestamp);
        }
    }

    private static Alert change(LifecycleState current, AlertStatus status, long ts) {
        Alert next = current.alert.copy();
        next.version = current.alert.version + 1;
        next.status = status;
        next.changeTs = ts;
        return next;
    }

    private void emit(LifecycleState current, Alert next, Collector<Alert> out) throws Exception {
        current.alert = next;
        state.update(current);
        out.collect(next);
    }

    private void reject(ActionEvent event, RejectReason reason, String detail, Context ctx) {
        ctx.output(
                Outputs.DEAD_LETTERS,
                DeadLetter.of(actionsTopic, reason, detail, event.raw, event.ts, event.position));
    }
}
