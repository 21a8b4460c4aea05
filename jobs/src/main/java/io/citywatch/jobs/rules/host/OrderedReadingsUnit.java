package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.device.OrderedState;

import java.io.Serializable;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A per-device rule over one device's readings in event-time order ("consecutive" and "over 40 min"
 * depend on order). A device without a reading for {@link #QUIET_MILLIS} is forgotten, and an alert
 * it still holds is cleared: after a day of silence nothing is known about the sensor.
 *
 * <p>{@link OrderedState} stays in the device package where the first units put it: a POJO
 * serializer's snapshot names the class that declares each field, so moving it would make the
 * host's state of an earlier build unreadable.
 */
public abstract class OrderedReadingsUnit<S extends OrderedState> extends SlottedUnit<S> {
    public static final long QUIET_MILLIS = 24 * 3600 * 1000L;

    /** Which events a unit reads and how a new state of it starts. */
    public interface Reads extends Predicate<DeviceEvent>, Serializable {}

    public interface Fresh<S> extends Supplier<S>, Serializable {}

    protected final RuleSettings settings;
    private final Reads reads;
    private final Fresh<S> fresh;

    protected OrderedReadingsUnit(
            RuleSettings settings, String ruleId, Reads reads, UnitSlot<S> slot, Fresh<S> fresh) {
        super(ruleId, slot, true);
        this.settings = settings;
        this.reads = reads;
        this.fresh = fresh;
    }

    @Override
    public final boolean reads(DeviceEvent event) {
        return reads.test(event);
    }

    /** A new, empty state of this unit. */
    protected final S fresh() {
        return fresh.get();
    }

    /** One reading, in event-time order; readings with the same time in arrival order. */
    protected abstract void step(S state, DeviceEvent event, UnitContext context);

    protected abstract boolean alertOpen(S state);

    /** Clears all rule state; emits a clear when an alert is open. */
    protected abstract void forget(S state, String deviceId, long ts, UnitContext context);

    /** Whether nothing but {@link OrderedState#quietDue} is left. */
    protected abstract boolean empty(S state);

    /**
     * Whether the device holds anything going quiet would drop or act on. A unit whose usual device
     * holds nothing (a healthy sensor) says so, and keeps neither a quiet time nor state.
     */
    protected boolean holdsState(S state) {
        return true;
    }

    /**
     * How long after its latest reading the device is quiet: {@link #QUIET_MILLIS}, or less for a
     * unit whose state means nothing after a shorter span (a window).
     */
    protected long quietMillis(S state, DeviceEvent latest) {
        return QUIET_MILLIS;
    }

    @Override
    public final S onEvent(S state, DeviceEvent event, UnitContext context) {
        S current = state == null ? fresh() : state;
        step(current, event, context);
        current.quietDue = holdsState(current) ? event.ts + quietMillis(current, event) : null;
        return orNull(current);
    }

    @Override
    public final long due(S state) {
        return state.quietDue == null ? NO_DUE : state.quietDue;
    }

    @Override
    public final S onDue(S state, long due, UnitContext context) {
        state.quietDue = null;
        // a reading still waiting is not quiet: its turn sets the next quiet time
        if (context.readingsHeld()) {
            quietWhileHeld(state, due, context);
        } else {
            quiet(state, due, context);
        }
        return orNull(state);
    }

    /**
     * The device went quiet at {@code due}: forgets, or reports the clear beyond a replay's end.
     */
    protected final void quiet(S state, long due, UnitContext context) {
        if (!settings.beyondClockStop(due)) {
            forget(state, context.deviceId(), due, context);
        } else if (alertOpen(state)) {
            context.pending(due);
        }
    }

    /**
     * The quiet time came while a later reading still waits for the watermark: nothing by default.
     * A unit that replaces operators which went quiet on their own timers, whatever readings still
     * waited upstream, does here what they did, so that its alerts stay theirs.
     */
    protected void quietWhileHeld(S state, long due, UnitContext context) {}

    private S orNull(S state) {
        return state.quietDue == null && empty(state) ? null : state;
    }
}
