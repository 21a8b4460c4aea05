package io.citywatch.jobs.rules.streak;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleParam;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleHost;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.rules.host.UnitContext;

import java.util.HashMap;
import java.util.Map;

/**
 * A "N consecutive readings of one device" rule as a unit of the device rule host. "Consecutive" is
 * an event-time notion, so the host hands the readings over in event-time order; a reading that
 * arrives out of order within the watermark bound still lands in its place.
 *
 * <p>After each reading the highest level whose {@link StreakGrading#required} last readings all
 * reach is reported; alert episodes suppress the repeats while a streak lasts. A reading that
 * reaches no level ends the streak, and the device keeps nothing for the rule.
 *
 * <p>The level of a reading is decided as it arrives, with the risk point it came with: the host
 * holds waiting readings with a trimmed risk point that lacks this rule's thresholds. Keeping them
 * in that trimmed risk point instead would put them in the state of every device whose readings
 * wait, healthy or not (up to nine limits for a bridge sensor); graded on arrival, a reading that
 * reaches no level costs nothing, and one that does keeps just the thresholds its risk point sets
 * until its turn.
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
            Slot<Streak> slot,
            Store<Streak> store,
            StreakGrading grading) {
        super(settings, ruleId, reads, slot, store, Streak::new);
        this.grading = grading;
    }

    @Override
    public Streak onArrival(Streak state, DeviceEvent event, UnitContext context) {
        AlertLevel grade = grading.grade(event);
        if (grade == null) {
            return state;
        }
        Streak current = state == null ? fresh() : state;
        current.arrive(
                new GradedReading(
                        event.ts, event.reading.value, rank(grade), thresholdsOf(event.site)));
        return current;
    }

    @Override
    protected void step(Streak state, DeviceEvent event, UnitContext context) {
        GradedReading graded = state.take(event.ts, event.reading.value);
        if (graded == null) {
            // a reading that reaches no level ends every streak: nothing before it can count
            // again, so a quiet device keeps no streak (and no quiet time) at all
            state.end();
            return;
        }
        DeviceEvent last = withThresholds(event, graded.thresholds);
        state.append(graded.grade, Evidence.of(event.reading), longestRequired(last.site));
        for (AlertLevel level : HIGHEST_FIRST) {
            int count = grading.required(last.site, level);
            if (state.lastAllReach(count, rank(level))) {
                context.emit(grading.match(last, state.last(count), level, settings));
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
        return !state.running() && state.arrived == null;
    }

    private Map<String, Double> thresholdsOf(Site site) {
        Map<String, Double> set = new HashMap<>();
        for (RuleParam parameter : grading.parameters()) {
            Double value = parameter.orNull(site);
            if (value != null) {
                set.put(parameter.key(), value);
            }
        }
        return set.isEmpty() ? null : set;
    }

    /** The reading with its risk point as it arrived, as far as this rule reads it. */
    private static DeviceEvent withThresholds(DeviceEvent event, Map<String, Double> thresholds) {
        if (thresholds == null) {
            return event;
        }
        // the host hands the same event to its other units: a copy, not the event, changes
        DeviceEvent copy = event.withoutSite();
        copy.site = DeviceRuleHost.trimmed(event.site);
        copy.site.thresholds.putAll(thresholds);
        return copy;
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
