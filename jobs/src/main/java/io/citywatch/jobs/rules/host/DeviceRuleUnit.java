package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.DeviceEvent;

import java.io.Serializable;

/**
 * One per-device rule, run by {@link DeviceRuleHost} next to the others: plain Java, no Flink state
 * or timers of its own. The host keeps the unit's state object {@code S} inside the one {@link
 * DeviceRuleState} of the device, hands it to the unit with every event it reads and at its due
 * time, and stores what the unit returns (null: the unit holds nothing for the device).
 */
public interface DeviceRuleUnit<S> extends Serializable {
    /** A state with nothing due. */
    long NO_DUE = Long.MAX_VALUE;

    /** The rule whose matches and pending timeouts this unit emits. */
    String ruleId();

    /** Whether the unit reads {@code event}; the host touches no state for an event none reads. */
    boolean reads(DeviceEvent event);

    /**
     * True: the unit gets the readings it reads in event-time order, each once the watermark passes
     * it, from the host's one per-device buffer. False: every event as it arrives.
     */
    boolean inEventTimeOrder();

    /** The unit's slot in the device's state, null when it holds nothing. */
    S state(DeviceRuleState device);

    void store(DeviceRuleState device, S state);

    /**
     * An event-time unit sees a reading it reads once as it arrives, before it waits for the
     * watermark: the host holds it with a {@link DeviceRuleHost#trimmed trimmed} risk point, so a
     * unit that needs more of the reading's risk point notes it here. Returns the state to keep.
     */
    default S onArrival(S state, DeviceEvent event, UnitContext context) {
        return state;
    }

    /** Reacts to one event; returns the state to keep, null for none. */
    S onEvent(S state, DeviceEvent event, UnitContext context);

    /** When the unit wants {@link #onDue} next, or {@link #NO_DUE}; {@code state} is not null. */
    long due(S state);

    /** The watermark passed {@code due}; returns the state to keep, null for none. */
    S onDue(S state, long due, UnitContext context);
}
