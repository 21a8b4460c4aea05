package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every hosted {@link RuleUnit} over one key's inputs with one state entry {@code H} and one
 * timer per key (the fraud-detection demo's many-rules-one-operator layout): an input costs one
 * state read and one write however many rules read it, and the key is stored once.
 *
 * <p>Inputs for event-time units wait in one buffer per key (as {@code E} entries) until the
 * watermark passes them, then go to each such unit that reads them, in event-time order (same time:
 * as {@link #inTurn} puts them; a repeated reading at the same time once). The timer sits at the
 * earliest due time of the buffer and the units; when a due time moves later the timer stays, fires
 * early and moves itself on, instead of a delete and a register for every input.
 *
 * <p>The timer and the buffer are fields of each host's own state class, reached through its slots:
 * a POJO serializer's snapshot names the class that declares each field, so moving them into a
 * shared superclass would make the state of an earlier build unreadable.
 */
public abstract class UnitHost<IN, H, E, U extends RuleUnit<IN, H, C, ?>, C>
        extends KeyedProcessFunction<String, IN, RuleMatch> {
    /** A unit without state: distinct from a state with nothing due. */
    private static final long NOTHING = Long.MIN_VALUE;

    private final String stateName;
    private final Class<H> stateType;
    private final Slot<H, Long> timer;
    private final Slot<H, List<E>> held;
    private final List<U> units;

    private transient ValueState<H> state;

    private transient Bound context;

    protected UnitHost(
            String stateName,
            Class<H> stateType,
            Slot<H, Long> timer,
            Slot<H, List<E>> held,
            List<? extends U> units) {
        this.stateName = stateName;
        this.stateType = stateType;
        this.timer = timer;
        this.held = held;
        this.units = List.copyOf(units);
    }

    /** A key's state before its first input. */
    protected abstract H fresh();

    /** Takes what {@code input} says of its key (its risk point), before any unit reads it. */
    protected abstract void adopt(H entry, IN input);

    /** Whether nothing the key holds can be judged any more at its timer: then it is dropped. */
    protected boolean forgotten(H entry) {
        return false;
    }

    /** The event time of an input waiting in the buffer. */
    protected abstract long time(E waiting);

    /** What the buffer keeps of an input for the event-time units. */
    protected abstract E waiting(IN input);

    /** Whether {@code later} is {@code earlier} again (same time): the buffer keeps it once. */
    protected abstract boolean repeats(E earlier, E later);

    /** The input the units read of a waiting one. */
    protected abstract IN input(String key, H entry, E waiting);

    /** The order in which an event-time unit gets the inputs of one instant it reads. */
    protected abstract List<IN> inTurn(U unit, List<IN> read);

    /** The key's risk point, as the units see it. */
    protected abstract Site site(H entry);

    /** A context for the units: a {@link Bound} that implements their context type {@code C}. */
    protected abstract Bound newContext();

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<H> descriptor =
                new ValueStateDescriptor<>(stateName, TypeInformation.of(stateType));
        state = getRuntimeContext().getState(descriptor);
        context = newContext();
    }

    @Override
    public void processElement(IN input, Context ctx, Collector<RuleMatch> out) throws Exception {
        boolean read = false;
        boolean ordered = false;
        for (U unit : units) {
            if (unit.reads(input)) {
                read = true;
                ordered |= unit.inEventTimeOrder();
            }
        }
        if (!read) {
            return;
        }
        H entry = state.value();
        if (entry == null) {
            entry = fresh();
        }
        adopt(entry, input);
        context.bind(ctx, out, entry);
        for (RuleUnit<IN, H, C, ?> unit : units) {
            if (!unit.inEventTimeOrder() && unit.reads(input)) {
                onEvent(unit, entry, input);
            }
        }
        if (ordered) {
            hold(entry, input);
        }
        finish(entry, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        H entry = state.value();
        if (entry == null) {
            return;
        }
        Long at = timer.of(entry);
        if (at == null || at != timestamp) {
            return;
        }
        if (forgotten(entry)) {
            state.clear();
            return;
        }
        timer.store(entry, null);
        context.bind(ctx, out, entry);
        release(entry, timestamp);
        for (RuleUnit<IN, H, C, ?> unit : units) {
            onDue(unit, entry, timestamp);
        }
        finish(entry, ctx.timerService());
    }

    private <S> void onEvent(RuleUnit<IN, H, C, S> unit, H entry, IN input) {
        context.unit = unit;
        unit.store(entry, unit.onEvent(unit.state(entry), input, context.self()));
    }

    private <S> void onDue(RuleUnit<IN, H, C, S> unit, H entry, long now) {
        S unitState = unit.state(entry);
        if (unitState == null) {
            return;
        }
        long due = unit.due(unitState);
        if (due <= now) {
            context.unit = unit;
            unit.store(entry, unit.onDue(unitState, due, context.self()));
        }
    }

    /** Hands the inputs the watermark has passed to the event-time units, an instant at a time. */
    private void release(H entry, long now) {
        List<E> buffer = held.of(entry);
        if (buffer == null) {
            return;
        }
        int passed = EventTimeBuffer.passed(buffer, this::time, now);
        if (passed == 0) {
            return;
        }
        List<E> due = new ArrayList<>(buffer.subList(0, passed));
        held.store(entry, EventTimeBuffer.rest(buffer, passed));
        String key = context.key();
        EventTimeBuffer.byInstant(
                due,
                this::time,
                waiting -> {
                    List<IN> instant = new ArrayList<>(waiting.size());
                    for (E each : waiting) {
                        instant.add(input(key, entry, each));
                    }
                    for (U unit : units) {
                        if (unit.inEventTimeOrder()) {
                            releaseTo(unit, entry, instant);
                        }
                    }
                });
    }

    private void releaseTo(U unit, H entry, List<IN> instant) {
        List<IN> read = new ArrayList<>(instant.size());
        for (IN input : instant) {
            if (unit.reads(input)) {
                read.add(input);
            }
        }
        RuleUnit<IN, H, C, ?> reader = unit;
        for (IN input : inTurn(unit, read)) {
            onEvent(reader, entry, input);
        }
    }

    /** Adds {@code input} to the buffer in event-time order, after those of its time. */
    private void hold(H entry, IN input) {
        E waiting = waiting(input);
        long ts = time(waiting);
        List<E> buffer = held.of(entry) == null ? new ArrayList<>() : held.of(entry);
        int at = EventTimeBuffer.insertionPoint(buffer, this::time, ts);
        for (int i = at - 1; i >= 0 && time(buffer.get(i)) == ts; i--) {
            if (repeats(buffer.get(i), waiting)) {
                return;
            }
        }
        buffer.add(at, waiting);
        held.store(entry, buffer);
    }

    /** Moves the timer to the earliest due time if that is earlier, and writes the state once. */
    private void finish(H entry, TimerService timers) throws Exception {
        List<E> buffer = held.of(entry);
        long next = buffer == null ? RuleUnit.NO_DUE : time(buffer.get(0));
        boolean holds = buffer != null;
        for (RuleUnit<IN, H, C, ?> unit : units) {
            long due = dueOf(unit, entry);
            if (due != NOTHING) {
                holds = true;
                next = Math.min(next, due);
            }
        }
        timer.store(entry, HostTimer.moved(timers, timer.of(entry), next));
        if (holds) {
            state.update(entry);
        } else {
            state.clear();
        }
    }

    private static <H, S> long dueOf(RuleUnit<?, H, ?, S> unit, H entry) {
        S unitState = unit.state(entry);
        return unitState == null ? NOTHING : unit.due(unitState);
    }

    /**
     * The context the units of one key see during one input or timer: what both hosts say alike.
     */
    protected abstract class Bound {
        private Context flink;
        private Collector<RuleMatch> out;
        private H entry;
        private RuleUnit<IN, H, C, ?> unit;

        private void bind(Context flink, Collector<RuleMatch> out, H entry) {
            this.flink = flink;
            this.out = out;
            this.entry = entry;
        }

        /** This context as the units see it: see {@link #newContext}. */
        @SuppressWarnings("unchecked")
        private C self() {
            return (C) this;
        }

        protected final Context flink() {
            return flink;
        }

        /** The device's or the risk point's id. */
        protected final String key() {
            return flink.getCurrentKey();
        }

        public final Site site() {
            return UnitHost.this.site(entry);
        }

        public final long watermark() {
            return flink.timerService().currentWatermark();
        }

        public final void emit(RuleMatch match) {
            out.collect(match);
        }

        /** A due time beyond a replay's end: reported under the unit's rule, never acted on. */
        public final void pending(long dueTs) {
            flink.output(Pending.TAG, new PendingTimeout(unit.ruleId(), key(), dueTs));
        }

        /** Whether inputs the unit reads still wait for the watermark. */
        protected final boolean unitInputsHeld() {
            List<E> buffer = held.of(entry);
            if (buffer == null) {
                return false;
            }
            String key = key();
            for (E waiting : buffer) {
                if (unit.reads(input(key, entry, waiting))) {
                    return true;
                }
            }
            return false;
        }
    }
}
