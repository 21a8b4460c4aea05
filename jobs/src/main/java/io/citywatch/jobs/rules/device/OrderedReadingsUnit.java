package io.citywatch.jobs.rules.device;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.UnitContext;

/**
 * A device-health rule over one device's readings in event-time order ("consecutive" and "over 40
 * min" depend on order). A device without a reading for {@link #QUIET_MILLIS} is forgotten, and an
 * alert it still holds is cleared: after a day of silence nothing is known about the sensor.
 */
abstract class OrderedReadingsUnit<S extends OrderedState> implements DeviceRuleUnit<S> {
    static final long QUIET_MILLIS = 24 * 3600 * 1000L;

    protected final RuleSettings settings;

    OrderedReadingsUnit(RuleSettings settings) {
        this.settings = settings;
    }

    abstract S newState();

    /** One reading, in event-time order; readings with the same time in arrival order. */
    abstract void step(S state, DeviceEvent event, UnitContext context);

    abstract boolean alertOpen(S state);

    /** Clears all rule state; emits a clear when an alert is open. */
    abstract void forget(S state, String deviceId, long ts, UnitContext context);

    /** Whether nothing but {@link OrderedState#quietDue} is left. */
    abstract boolean empty(S state);

    /**
     * Whether the device holds anything going quiet would drop or act on. A unit whose usual device
     * holds nothing (a healthy sensor) says so, and keeps neither a quiet time nor state.
     */
    boolean holdsState(S state) {
        return true;
    }

    @Override
    public final boolean inEventTimeOrder() {
        return true;
    }

    @Override
    public final S onEvent(S state, DeviceEvent event, UnitContext context) {
        S current = state == null ? newState() : state;
        step(current, event, context);
        current.quietDue = holdsState(current) ? event.ts + QUIET_MILLIS : null;
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
        if (!context.readingsHeld()) {
            if (!settings.beyondClockStop(due)) {
                forget(state, context.deviceId(), due, context);
            } else if (alertOpen(state)) {
                context.pending(due);
            }
        }
        return orNull(state);
    }

    private S orNull(S state) {
        return state.quietDue == null && empty(state) ? null : state;
    }
}
