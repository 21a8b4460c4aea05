package io.citywatch.jobs.rules.incident;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.IncidentStatus;
import io.citywatch.jobs.events.IncidentEvent;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The acknowledgement clock of one incident (keyed by incidentId): event-time timers at {@code
 * yellowAfter} and {@code orangeAfter} after its report. A timer fires only when no later status
 * (acknowledged, dispatched, …) came in at or before it; a later status ends what fired. The
 * incident is tracked for {@link #TRACK_MILLIS} after its latest record, then forgotten.
 */
public class AckClock extends KeyedProcessFunction<String, IncidentEvent, AckStage> {
    static final long TRACK_MILLIS = 24 * 3600 * 1000L;

    private final RuleSettings settings;

    /** The earliest {@code reported} record of the incident. */
    private transient ValueState<IncidentEvent> report;

    /** Event time of the earliest later status. */
    private transient ValueState<Long> handledTs;

    private transient ValueState<AlertLevel> fired;
    private transient ValueState<Long> forgetAt;

    public AckClock(RuleSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        report =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "report", TypeInformation.of(IncidentEvent.class)));
        handledTs =
                getRuntimeContext().getState(new ValueStateDescriptor<>("handled-ts", Types.LONG));
        fired =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "fired", TypeInformation.of(AlertLevel.class)));
        forgetAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
    }

    @Override
    public void processElement(IncidentEvent event, Context ctx, Collector<AckStage> out)
            throws Exception {
        IncidentEvent reported = report.value();
        if (event.incident.status == IncidentStatus.reported) {
            // a repeated report (at-least-once delivery) does not restart the clock
            if (reported == null || event.ts < reported.ts) {
                if (reported != null) {
                    deleteLevelTimers(ctx, reported);
                }
                report.update(event);
                Long handled = handledTs.value();
                if (handled == null || handled > yellowDue(event)) {
                    ctx.timerService().registerEventTimeTimer(yellowDue(event));
                }
                if (handled == null || handled > orangeDue(event)) {
                    ctx.timerService().registerEventTimeTimer(orangeDue(event));
                }
            }
        } else {
            Long handled = handledTs.value();
            if (handled == null || event.ts < handled) {
                handledTs.update(event.ts);
                // ends what has fired by then, in event-time order with the deadlines before it
                ctx.timerService().registerEventTimeTimer(event.ts);
                if (reported != null) {
                    deleteLevelTimersFrom(ctx, reported, event.ts);
                }
            }
        }
        scheduleForget(ctx, event.ts + TRACK_MILLIS);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AckStage> out)
            throws Exception {
        IncidentEvent reported = report.value();
        if (reported != null && handledBy(timestamp)) {
            if (fired.value() != null) {
                fired.clear();
                out.collect(stage(reported, null, handledTs.value()));
            }
        } else if (reported != null) {
            AlertLevel level =
                    timestamp == orangeDue(reported)
                            ? AlertLevel.orange
                            : timestamp == yellowDue(reported) ? AlertLevel.yellow : null;
            if (level != null) {
                if (settings.beyondClockStop(timestamp)) {
                    ctx.output(
                            Pending.TAG,
                            new PendingTimeout(
                                    IncidentUnacknowledgedRule.ID, ctx.getCurrentKey(), timestamp));
                } else if (fired.value() == null || level.isHigherThan(fired.value())) {
                    fired.update(level);
                    out.collect(stage(reported, level, timestamp));
                }
            }
        }
        Long forget = forgetAt.value();
        if (forget != null && forget == timestamp) {
            forget(ctx, out, timestamp);
        }
    }

    private void forget(OnTimerContext ctx, Collector<AckStage> out, long timestamp)
            throws Exception {
        if (fired.value() != null) {
            if (settings.beyondClockStop(timestamp)) {
                ctx.output(
                        Pending.TAG,
                        new PendingTimeout(
                                IncidentUnacknowledgedRule.ID, ctx.getCurrentKey(), timestamp));
                return;
            }
            out.collect(stage(report.value(), null, timestamp));
        }
        IncidentEvent reported = report.value();
        if (reported != null) {
            deleteLevelTimers(ctx, reported);
        }
        report.clear();
        handledTs.clear();
        fired.clear();
        forgetAt.clear();
    }

    /** A later status at or before {@code ts} means the incident was no longer just reported. */
    private boolean handledBy(long ts) throws Exception {
        Long handled = handledTs.value();
        return handled != null && handled <= ts;
    }

    private void scheduleForget(Context ctx, long due) throws Exception {
        Long previous = forgetAt.value();
        if (previous != null && previous >= due) {
            return;
        }
        if (previous != null && !isLevelOrHandledTimer(previous)) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        ctx.timerService().registerEventTimeTimer(due);
        forgetAt.update(due);
    }

    private void deleteLevelTimers(Context ctx, IncidentEvent reported) throws Exception {
        deleteLevelTimersFrom(ctx, reported, Long.MIN_VALUE);
    }

    /** Deadlines at or after a later status can no longer fire; earlier ones still must. */
    private void deleteLevelTimersFrom(Context ctx, IncidentEvent reported, long from)
            throws Exception {
        for (long due : new long[] {yellowDue(reported), orangeDue(reported)}) {
            if (due >= from && !isHandledOrForgetTimer(due)) {
                ctx.timerService().deleteEventTimeTimer(due);
            }
        }
    }

    /**
     * Timers are unique per key and time: a deadline, the later status and the forgetting may fall
     * on one instant, and deleting one must not delete the others.
     */
    private boolean isHandledOrForgetTimer(long timestamp) throws Exception {
        Long handled = handledTs.value();
        Long forget = forgetAt.value();
        return (handled != null && handled == timestamp) || (forget != null && forget == timestamp);
    }

    private boolean isLevelOrHandledTimer(long timestamp) throws Exception {
        IncidentEvent reported = report.value();
        Long handled = handledTs.value();
        return (reported != null
                        && (yellowDue(reported) == timestamp || orangeDue(reported) == timestamp))
                || (handled != null && handled == timestamp);
    }

    static long yellowDue(IncidentEvent reported) {
        return reported.ts + (long) (IncidentParams.YELLOW_AFTER.of(reported.site) * 1000);
    }

    static long orangeDue(IncidentEvent reported) {
        return reported.ts + (long) (IncidentParams.ORANGE_AFTER.of(reported.site) * 1000);
    }

    private static AckStage stage(IncidentEvent reported, AlertLevel level, long ts) {
        AckStage stage = new AckStage();
        stage.incidentId = reported.incident.incidentId;
        stage.locationKey = reported.locationKey;
        stage.site = reported.site;
        stage.level = level;
        stage.reportedTs = reported.ts;
        stage.ts = ts;
        stage.evidence = Evidence.of(reported.incident);
        return stage;
    }
}
