package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.DeviceEvent;

/**
 * One per-device rule, run by {@link DeviceRuleHost} next to the others: its state object {@code S}
 * sits inside the one {@link DeviceRuleState} of the device. Event-time units get the readings they
 * read from the host's one per-device buffer.
 */
public interface DeviceRuleUnit<S> extends RuleUnit<DeviceEvent, DeviceRuleState, UnitContext, S> {}
