package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.DeviceEvent;

import java.util.Comparator;
import java.util.List;

/**
 * One per-risk-point rule, run by {@link RiskPointRuleHost} next to the others: its state object
 * {@code S} sits inside the one {@link RiskPointRuleState} of the risk point. It reads device
 * events, other rules' matches, or both.
 */
public interface RiskPointRuleUnit<S>
        extends RuleUnit<RiskPointInput, RiskPointRuleState, RiskPointContext, S> {
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

    @Override
    default boolean reads(RiskPointInput input) {
        return input.event != null
                ? readsDeviceEvents() && reads(input.event)
                : matchesRead().contains(input.match.ruleId);
    }

    /**
     * The order of an event-time unit's inputs with the same time; null: arrival order. Inputs from
     * several devices' subtasks arrive in any order, so only an order of their own is sure.
     */
    default Comparator<RiskPointInput> instantOrder() {
        return null;
    }
}
