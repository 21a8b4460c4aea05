package io.citywatch.jobs.rules.streak;

import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.HostedRule;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit.Reads;
import io.citywatch.jobs.rules.host.UnitSlot;

/**
 * A "N consecutive readings of one device" rule: the rule says which readings it counts and grades
 * them ({@link StreakGrading}); {@link StreakUnit} runs it in the device rule host.
 */
public abstract class StreakRule extends HostedRule implements StreakGrading {
    private final Reads reads;
    private final UnitSlot<Streak> slot;

    protected StreakRule(String id, Reads reads, UnitSlot<Streak> slot) {
        super(id);
        this.reads = reads;
        this.slot = slot;
    }

    @Override
    public final StreakUnit unit(RuleSettings settings) {
        return new StreakUnit(settings, id(), reads, slot, this);
    }
}
