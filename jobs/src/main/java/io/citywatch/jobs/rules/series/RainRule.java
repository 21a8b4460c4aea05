package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.HostedRule;
import io.citywatch.jobs.rules.host.UnitContext;
import io.citywatch.jobs.rules.host.UnitSlot;

import java.util.List;

/**
 * A rule that judges one rain gauge's trailing sums against a table of levels ({@link RainUnit}, in
 * the device rule host): the rule says which gauges it reads.
 */
public abstract class RainRule extends HostedRule {
    private final Scenario scenario;
    private final List<RainThreshold> table;
    private final UnitSlot<RainState> slot;

    protected RainRule(
            String id, Scenario scenario, List<RainThreshold> table, UnitSlot<RainState> slot) {
        super(id);
        this.scenario = scenario;
        this.table = List.copyOf(table);
        this.slot = slot;
    }

    /** Whether the rule reads this gauge's reading. */
    protected abstract boolean readsGauge(DeviceEvent event);

    /** What else the rule does with a gauge's sums, after its level: nothing, unless told. */
    protected void onSums(RainSum sum, UnitContext context) {}

    @Override
    public final RainUnit unit(RuleSettings settings) {
        return new RainUnit(id(), scenario, table, settings, this::readsGauge, slot, this::onSums);
    }
}
