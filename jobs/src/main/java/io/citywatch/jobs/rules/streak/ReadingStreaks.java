package io.citywatch.jobs.rules.streak;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.series.EventTimeOrdered;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Counts consecutive readings of one device (keyed by deviceId). "Consecutive" is an event-time
 * notion, so readings are taken in event-time order; a reading that arrives out of order within the
 * watermark bound still lands in its place.
 *
 * <p>After each reading the highest level whose {@link StreakGrading#required} last readings all
 * reach is reported; alert episodes suppress the repeats while a streak lasts.
 */
public class ReadingStreaks extends EventTimeOrdered<RuleMatch> {
    /** Without a reading for this long a device's streak is forgotten, so its state goes away. */
    public static final long QUIET_MILLIS = 24 * 3600 * 1000L;

    private static final AlertLevel[] HIGHEST_FIRST = {
        AlertLevel.red, AlertLevel.orange, AlertLevel.yellow, AlertLevel.blue
    };

    private final StreakGrading grading;
    private final RuleSettings settings;

    private transient ValueState<Streak> streak;

    public ReadingStreaks(StreakGrading grading, RuleSettings settings) {
        this.grading = grading;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        streak =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "streak", TypeInformation.of(Streak.class)));
    }

    @Override
    protected long quietMillis(DeviceEvent latest) {
        return QUIET_MILLIS;
    }

    @Override
    protected boolean holdsState() throws Exception {
        return streak.value() != null;
    }

    @Override
    protected void onQuiet(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out) {
        streak.clear();
    }

    @Override
    protected void step(DeviceEvent event, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        AlertLevel grade = grading.grade(event);
        if (grade == null) {
            // a reading that reaches no level ends every streak: nothing before it can count
            // again, so a quiet device keeps no streak (and no quiet timer) at all
            streak.clear();
            return;
        }
        Streak current = streak.value();
        if (current == null) {
            current = new Streak();
        }
        current.append(rank(grade), Evidence.of(event.reading), longestRequired(event));
        streak.update(current);
        for (AlertLevel level : HIGHEST_FIRST) {
            int count = grading.required(event.site, level);
            if (current.lastAllReach(count, rank(level))) {
                out.collect(grading.match(event, current.last(count), level, settings));
                return;
            }
        }
    }

    private int longestRequired(DeviceEvent event) {
        int longest = 1;
        for (AlertLevel level : HIGHEST_FIRST) {
            longest = Math.max(longest, grading.required(event.site, level));
        }
        return longest;
    }

    private static int rank(AlertLevel level) {
        return level == null ? 0 : level.ordinal() + 1;
    }
}
