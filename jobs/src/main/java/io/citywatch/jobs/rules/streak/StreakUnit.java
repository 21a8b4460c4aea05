package io.citywatch.jobs.rules.streak;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.rules.host.UnitContext;
import io.citywatch.jobs.rules.host.UnitSlot;

/**
 * A "N consecutive readings of one device" rule as a unit of the device rule host. "Consecutive" is
 * an event-time notion, so the host hands the readings over in event-time order; a reading that
 * arrives out of order within the watermark bound still lands in its place.
 *
 * <p>After each reading the highest level whose {@link StreakGrading#required} last readings all
 * reach is reported; alert episodes suppress the repeats while a streak lasts. A reading that
 * reaches no level ends the streak, and the device keeps nothing for the rule.
 */
public class StreakUnit extends OrderedReadingsUnit<Streak> {
    private static final AlertLevel[] HIGHEST_FIRST = {
        AlertLevel.red, AlertLevel.orange, AlertLevel.yellow, AlertLevel.blue
    };

    private final StreakGrading grading;

    public StreakUnit(
            RuleSettings settings,
            String ruleId,
            Reads reads,
            UnitSlot<Streak> slot,
            StreakGrading grading) {
        super(settings, ruleId, reads, slot, Streak::new);
        this.grading = grading;
    }

    @Override
    protected void step(Streak state, DeviceEvent event, UnitContext context) {
        AlertLevel grade = grading.grade(event);
        if (grade == null) {
            // a reading that reaches no level ends every streak: nothing before it can count
            // again, so a quiet device keeps no streak (and no quiet time) at all
            state.end();
            return;
        }
        state.append(rank(grade), Evidence.of(event.reading), longestRequired(event.site));
        for (AlertLevel level : HIGHEST_FIRST) {
            int count = grading.required(event.site, level);
            if (state.lastAllReach(count, rank(level))) {
                context.emit(grading.match(event, state.last(count), level, settings));
                return;
            }
        }
    }

    @Override
    protected boolean holdsState(Streak state) {
        return state.running();
    }

    @Override
    protected boolean alertOpen(Streak state) {
        return false; // the episodes end streak alerts, not the rule
    }

    @Override
    protected void forget(Streak state, String deviceId, long ts, UnitContext context) {
        state.end();
    }

    @Override
    protected boolean empty(Streak state) {
        return !state.running();
    }

    private int longestRequired(Site site) {
        int longest = 1;
        for (AlertLevel level : HIGHEST_FIRST) {
            longest = Math.max(longest, grading.required(site, level));
        }
        return longest;
    }

    private static int rank(AlertLevel level) {
        return level.ordinal() + 1;
    }
}
