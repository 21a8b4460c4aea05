package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every hosted {@link RiskPointRuleUnit} over one risk point's inputs (device events and other
 * rules' matches) with one state entry and one timer per risk point, as {@link DeviceRuleHost} does
 * per device: an input costs one state read and one write however many rules read it.
 *
 * <p>Inputs for event-time units wait in one buffer per risk point until the watermark passes them,
 * then go to each such unit that reads them in event-time order (same time: the unit's {@link
 * RiskPointRuleUnit#instantOrder}, else arrival order; a reading repeated at the same time once).
 * The timer sits at the earliest due time of the buffer and the units.
 */
public class RiskPointRuleHost extends KeyedProcessFunction<String, RiskPointInput, RuleMatch> {
    private final List<RiskPointRuleUnit<?>> units;

    private transient ValueState<RiskPointRuleState> state;

    private transient HostContext context;

    public RiskPointRuleHost(List<RiskPointRuleUnit<?>> units) {
        this.units = List.copyOf(units);
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "risk-point-rules",
                                        TypeInformation.of(RiskPointRuleState.class)));
        context = new HostContext();
    }

    @Override
    public void processElement(RiskPointInput input, Context ctx, Collector<RuleMatch> out)
            throws Exception {
        boolean ordered = false;
        boolean read = false;
        for (RiskPointRuleUnit<?> unit : units) {
            if (unit.reads(input)) {
                read = true;
                ordered |= unit.inEventTimeOrder();
            }
        }
        if (!read) {
            return;
        }
        RiskPointRuleState point = state.value();
        if (point == null) {
            point = new RiskPointRuleState();
        }
        point.site = input.site();
        context.bind(ctx, out, point);
        for (RiskPointRuleUnit<?> unit : units) {
            if (!unit.inEventTimeOrder() && unit.reads(input)) {
                onEvent(unit, point, input);
            }
        }
        if (ordered) {
            hold(point, input);
        }
        finish(point, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        RiskPointRuleState point = state.value();
        if (point == null || point.timer == null || point.timer != timestamp) {
            return;
        }
        point.timer = null;
        context.bind(ctx, out, point);
        release(point, timestamp);
        for (RiskPointRuleUnit<?> unit : units) {
            onDue(unit, point, timestamp);
        }
        finish(point, ctx);
    }

    private <S> void onEvent(
            RiskPointRuleUnit<S> unit, RiskPointRuleState point, RiskPointInput in) {
        context.unit = unit;
        unit.store(point, unit.onEvent(unit.state(point), in, context));
    }

    private <S> void onDue(RiskPointRuleUnit<S> unit, RiskPointRuleState point, long now) {
        S unitState = unit.state(point);
        if (unitState == null) {
            return;
        }
        long due = unit.due(unitState);
        if (due <= now) {
            context.unit = unit;
            unit.store(point, unit.onDue(unitState, due, context));
        }
    }

    /** Hands the inputs the watermark has passed to the event-time units, an instant at a time. */
    private void release(RiskPointRuleState point, long now) {
        if (point.held == null) {
            return;
        }
        int passed = EventTimeBuffer.passed(point.held, RiskPointInput::ts, now);
        if (passed == 0) {
            return;
        }
        List<RiskPointInput> due = new ArrayList<>(point.held.subList(0, passed));
        point.held = EventTimeBuffer.rest(point.held, passed);
        EventTimeBuffer.byInstant(
                due,
                RiskPointInput::ts,
                instant -> {
                    for (RiskPointRuleUnit<?> unit : units) {
                        if (unit.inEventTimeOrder()) {
                            releaseTo(unit, point, instant);
                        }
                    }
                });
    }

    private void releaseTo(
            RiskPointRuleUnit<?> unit, RiskPointRuleState point, List<RiskPointInput> instant) {
        List<RiskPointInput> read = new ArrayList<>(instant.size());
        for (RiskPointInput input : instant) {
            if (unit.reads(input)) {
                read.add(input);
            }
        }
        Comparator<RiskPointInput> order = unit.instantOrder();
        if (order != null) {
            read.sort(order); // stable: arrival order where the unit's order has no preference
        }
        for (RiskPointInput input : read) {
            onEvent(unit, point, input);
        }
    }

    /**
     * Adds {@code input} to the buffer in event-time order, after those of its time. It keeps the
     * risk point it came with: a risk point has a few inputs waiting at a time, not one per device.
     */
    private static void hold(RiskPointRuleState point, RiskPointInput input) {
        List<RiskPointInput> held = point.held == null ? new ArrayList<>() : point.held;
        long ts = input.ts();
        int at = EventTimeBuffer.insertionPoint(held, RiskPointInput::ts, ts);
        if (input.event != null) {
            for (int i = at - 1; i >= 0 && held.get(i).ts() == ts; i--) {
                if (sameReading(held.get(i).event, input.event)) {
                    // a device that sends a reading twice (a retry) must not count twice
                    return;
                }
            }
        }
        held.add(at, input);
        point.held = held;
    }

    private static boolean sameReading(DeviceEvent held, DeviceEvent event) {
        return held != null
                && held.isReading()
                && event.isReading()
                && held.deviceId.equals(event.deviceId)
                && held.reading.type == event.reading.type
                && Double.compare(held.reading.value, event.reading.value) == 0;
    }

    /** Moves the timer to the earliest due time if that is earlier, and writes the state once. */
    private void finish(RiskPointRuleState point, Context ctx) throws Exception {
        long next = point.held == null ? DeviceRuleUnit.NO_DUE : point.held.get(0).ts();
        boolean holds = point.held != null;
        for (RiskPointRuleUnit<?> unit : units) {
            long due = dueOf(unit, point);
            if (due != NOTHING) {
                holds = true;
                next = Math.min(next, due);
            }
        }
        point.timer = HostTimer.moved(ctx.timerService(), point.timer, next);
        if (holds) {
            state.update(point);
        } else {
            state.clear();
        }
    }

    /** A unit without state: distinct from a state with nothing due. */
    private static final long NOTHING = Long.MIN_VALUE;

    private static <S> long dueOf(RiskPointRuleUnit<S> unit, RiskPointRuleState point) {
        S unitState = unit.state(point);
        return unitState == null ? NOTHING : unit.due(unitState);
    }

    /** The context the units of one risk point see during one input or timer. */
    private final class HostContext implements RiskPointContext {
        private Context flink;
        private Collector<RuleMatch> out;
        private RiskPointRuleState point;
        private RiskPointRuleUnit<?> unit;

        void bind(Context flink, Collector<RuleMatch> out, RiskPointRuleState point) {
            this.flink = flink;
            this.out = out;
            this.point = point;
        }

        @Override
        public String riskPointId() {
            return flink.getCurrentKey();
        }

        @Override
        public Site site() {
            return point.site;
        }

        @Override
        public long watermark() {
            return flink.timerService().currentWatermark();
        }

        @Override
        public void emit(RuleMatch match) {
            out.collect(match);
        }

        @Override
        public void pending(long dueTs) {
            flink.output(Pending.TAG, new PendingTimeout(unit.ruleId(), riskPointId(), dueTs));
        }

        @Override
        public boolean inputsHeld() {
            if (point.held == null) {
                return false;
            }
            for (RiskPointInput held : point.held) {
                if (unit.reads(held)) {
                    return true;
                }
            }
            return false;
        }
    }
}
