package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.DeviceEvent;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/**
 * One per-risk-point rule, run by {@link RiskPointRuleHost} next to the others: plain Java, no
 * Flink state or timers of its own. The host keeps the unit's state object {@code S} inside the one
 * {@link RiskPointRuleState} of the risk point, hands it to the unit with every input it reads and
 * at its due time, and stores what the unit returns (null: the unit holds nothing there).
 */
public interface RiskPointRuleUnit<S> extends Serializable {
    /** The rule whose matches and pending timeouts this unit emits. */
    String ruleId();

    /** Whether the unit reads device events at all: the host gets none when no unit does. */
    default boolean readsDeviceEvents() {
        return false;
    }

    /** Whether the unit reads {@code event} (one with a risk point). */
    default boolean reads(DeviceEvent event) {
        return false;
    }

    /** The rules of the device rule host whose matches (those with a risk point) the unit reads. */
    default List<String> matchesRead() {
        return List.of();
    }

    default boolean reads(RiskPointInput input) {
        return input.event != null
                ? readsDeviceEvents() && reads(input.event)
                : matchesRead().contains(input.match.ruleId);
    }

    /**
     * True: the unit gets its inputs in event-time order, each once the watermark passes it, from
     * the host's one per-risk-point buffer. False: every input as it arrives.
     */
    boolean inEventTimeOrder();

    /**
     * The order of an event-time unit's inputs with the same time; null: arrival order. Inputs from
     * several devices' subtasks arrive in any order, so only an order of their own is sure.
     */
    default Comparator<RiskPointInput> instantOrder() {
        return null;
    }

    /** The unit's slot in the risk point's state, null when it holds nothing. */
    S state(RiskPointRuleState point);

    void store(RiskPointRuleState point, S state);

    /** Reacts to one input; returns the state to keep, null for none. */
    S onEvent(S state, RiskPointInput input, RiskPointContext context);

    /**
     * When the unit wants {@link #onDue} next, or {@link DeviceRuleUnit#NO_DUE}; not null state.
     */
    long due(S state);

    /** The watermark passed {@code due}; returns the state to keep, null for none. */
    S onDue(S state, long due, RiskPointContext context);
}
