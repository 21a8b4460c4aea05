package io.citywatch.jobs.rules.series;

import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.HostedRule;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit.Reads;
import io.citywatch.jobs.rules.host.UnitSlot;

/** A rule that one device's value rises too far too fast ({@link RiseUnit}, in the device host). */
public abstract class RiseRule extends HostedRule {
    private final RiseUnit.Spec spec;
    private final Reads reads;
    private final UnitSlot<RiseState> slot;

    protected RiseRule(RiseUnit.Spec spec, Reads reads, UnitSlot<RiseState> slot) {
        super(spec.ruleId);
        this.spec = spec;
        this.reads = reads;
        this.slot = slot;
    }

    @Override
    public final RiseUnit unit(RuleSettings settings) {
        return new RiseUnit(spec, settings, reads, slot);
    }
}
