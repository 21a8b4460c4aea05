package io.citywatch.jobs.rules.streak;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.HostedRule;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit.Reads;
import io.citywatch.jobs.rules.host.UnitSlot;

import java.util.List;

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

    /**
     * The match of a streak at {@code level}, at the risk point, from the streak's first reading to
     * its last, with the readings as evidence; the rule adds its message.
     */
    protected RuleMatch streakMatch(
            Scenario scenario, DeviceEvent last, List<Evidence> streak, AlertLevel level) {
        RuleMatch match = RuleMatch.at(id(), scenario, last.site, streak.get(0).ts, last.ts);
        match.level = level;
        match.deviceIds.add(last.deviceId);
        match.evidence.addAll(streak);
        return match;
    }

    @Override
    public final StreakUnit unit(RuleSettings settings) {
        return new StreakUnit(settings, id(), reads, slot, this);
    }
}
