package io.citywatch.jobs.rules.streak;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts consecutive readings of one device (keyed by deviceId). "Consecutive" is an event-time
 * notion, so readings are buffered until the watermark passes them and then taken in event-time
 * order; a reading that arrives out of order within the watermark bound still lands in its place.
 *
 * <p>After each reading the highest level whose {@link StreakGrading#required} last readings all
 * reach is reported; alert episodes suppress the repeats while a streak lasts.
 */
public class ReadingStreaks extends KeyedProcessFunction<String, DeviceEvent, RuleMatch> {
    /** Without a reading for this long a device's streak is forgotten, so its state goes away. */
    public static final long QUIET_MILLIS = 24 * 3600 * 1000L;

    private static final AlertLevel[] HIGHEST_FIRST = {
        AlertLevel.red, AlertLevel.orange, AlertLevel.yellow, AlertLevel.blue
    };

    private final StreakGrading grading;
    private final RuleSettings settings;

    private transient MapState<Long, List<DeviceEvent>> buffered;
    private transient ValueState<Streak> streak;
    private transient ValueState<Long> quietTimer;

    public ReadingStreaks(StreakGrading grading, RuleSettings settings) {
        this.grading = grading;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        buffered =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "buffered",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(DeviceEvent.class))));
        streak =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "streak", TypeInformation.of(Streak.class)));
        quietTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("quiet-timer", Types.LONG));
    }

    @Override
    public void processElement(DeviceEvent event, Context ctx, Collector<RuleMatch> out)
            throws Exception {
        List<DeviceEvent> atTs = buffered.get(event.ts);
        if (atTs == null) {
            atTs = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(event.ts);
        }
        atTs.add(event);
        buffered.put(event.ts, atTs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        List<DeviceEvent> due = buffered.get(timestamp);
        if (due != null) {
            buffered.remove(timestamp);
            for (DeviceEvent event : due) {
                step(event, out);
            }
            rescheduleQuietTimer(ctx, timestamp);
            return;
        }
        Long quiet = quietTimer.value();
        if (quiet != null && quiet == timestamp && buffered.isEmpty()) {
            streak.clear();
            quietTimer.clear();
        }
    }

    private void step(DeviceEvent event, Collector<RuleMatch> out) throws Exception {
        Streak current = streak.value();
        if (current == null) {
            current = new Streak();
        }
        AlertLevel grade = grading.grade(event);
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

    private void rescheduleQuietTimer(OnTimerContext ctx, long lastTs) throws Exception {
        Long previous = quietTimer.value();
        // the same timer may also be the one of a reading buffered at that instant: keep it then
        if (previous != null && !buffered.contains(previous)) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        long due = lastTs + QUIET_MILLIS;
        ctx.timerService().registerEventTimeTimer(due);
        quietTimer.update(due);
    }
}
