package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * The warning level of one displacement device from its last {@link #STREAK} tangent angles (Xu
 * Qiang's improved tangent-angle criterion): the lowest band all of them reach, yellow ≥ {@code
 * yellowAngle} 45°, orange ≥ {@code orangeAngle} 80°, red ≥ {@code redAngle} 85°.
 *
 * <p>The level is held while the streak is mixed and clears only when {@link #STREAK} consecutive
 * angles are all below yellow: one noisy reading should neither open nor end a landslide warning.
 * The input comes from {@link DisplacementAngles} already in event-time order per device.
 */
public class AngleStreak extends KeyedProcessFunction<String, DisplacementAngle, RuleMatch> {
    public static final int STREAK = 3;

    private final RuleSettings settings;

    private transient ValueState<List<DisplacementAngle>> recent;

    /** 0 none, else the {@link AlertLevel#rank()} currently held. */
    private transient ValueState<Integer> held;

    private transient ValueState<Long> quietTimer;

    public AngleStreak(RuleSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        recent =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "recent-angles",
                                        Types.LIST(TypeInformation.of(DisplacementAngle.class))));
        held = getRuntimeContext().getState(new ValueStateDescriptor<>("held", Types.INT));
        quietTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("quiet-timer", Types.LONG));
    }

    @Override
    public void processElement(DisplacementAngle angle, Context ctx, Collector<RuleMatch> out)
            throws Exception {
        List<DisplacementAngle> angles = recent.value();
        if (angles == null) {
            angles = new ArrayList<>();
        }
        angles.add(angle);
        while (angles.size() > STREAK) {
            angles.remove(0);
        }
        recent.update(angles);
        scheduleQuiet(ctx, angle);
        if (angles.size() < STREAK) {
            return;
        }
        int before = held.value() == null ? 0 : held.value();
        int reached = Integer.MAX_VALUE;
        int highest = 0;
        for (DisplacementAngle a : angles) {
            int band = band(a.angle, angle.site);
            reached = Math.min(reached, band);
            highest = Math.max(highest, band);
        }
        int now = reached > 0 ? reached : highest == 0 ? 0 : before;
        held.update(now);
        if (now > before) {
            out.collect(match(angles, now));
        } else if (now == 0 && before > 0) {
            out.collect(clear(angle));
        }
    }

    /** 0 below yellow, else the rank of the highest band the angle reaches. */
    static int band(double angle, Site site) {
        if (angle >= GeoParams.RED_ANGLE.of(site)) {
            return AlertLevel.red.rank();
        }
        if (angle >= GeoParams.ORANGE_ANGLE.of(site)) {
            return AlertLevel.orange.rank();
        }
        if (angle >= GeoParams.YELLOW_ANGLE.of(site)) {
            return AlertLevel.yellow.rank();
        }
        return 0;
    }

    private void scheduleQuiet(Context ctx, DisplacementAngle angle) throws Exception {
        Long previous = quietTimer.value();
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        long due =
                angle.ts
                        + Math.max(
                                DisplacementAngles.MIN_QUIET_MILLIS,
                                3L * angle.site.reportingPeriodSec * 1000);
        ctx.timerService().registerEventTimeTimer(due);
        quietTimer.update(due);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        Long quiet = quietTimer.value();
        if (quiet == null || quiet != timestamp) {
            return;
        }
        // A silent device keeps only an open level, so that its next readings can clear it.
        quietTimer.clear();
        recent.clear();
        Integer level = held.value();
        if (level == null || level == 0) {
            held.clear();
        }
    }

    private RuleMatch match(List<DisplacementAngle> angles, int rank) {
        DisplacementAngle first = angles.get(0);
        DisplacementAngle last = angles.get(angles.size() - 1);
        RuleMatch match = base(last);
        match.level = AlertLevel.values()[rank - 1];
        match.startTs = first.ts;
        for (DisplacementAngle a : angles) {
            for (Evidence reading : a.readings) {
                if (match.evidence.stream().noneMatch(e -> e.ts == reading.ts)) {
                    match.evidence.add(reading);
                }
            }
        }
        double minAngle = angles.stream().mapToDouble(a -> a.angle).min().orElse(0);
        match.message =
                settings.text(
                        "Slope %s: displacement at %s is accelerating, %.2f mm/h;"
                                + " tangent angle ≥ %.1f° on %d consecutive readings",
                        "%1$s 位移监测点 %2$s 加速变形，速率 %3$.2f 毫米/小时，连续 %5$d 次切线角 ≥ %4$.1f°",
                        last.site.name,
                        last.deviceId,
                        last.velocity,
                        minAngle,
                        angles.size());
        return match;
    }

    private RuleMatch clear(DisplacementAngle angle) {
        RuleMatch match = base(angle);
        match.clear = true;
        return match;
    }

    private static RuleMatch base(DisplacementAngle angle) {
        RuleMatch match =
                RuleMatch.at(
                                DisplacementRule.ID,
                                Scenario.geohazard,
                                angle.site,
                                angle.ts,
                                angle.ts)
                        .perDevice(angle.deviceId);
        match.selfClearing = true;
        return match;
    }
}
