package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.rules.host.UnitContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code geo.displacement}'s unit: the improved tangent angle of a slope displacement device at
 * each reading, and its warning level from the last {@link #STREAK} angles (Xu Qiang's criterion).
 *
 * <p>The velocity is the slope of the least-squares line through the device's last {@link
 * #REGRESSION_READINGS} readings (mm/h), and α = atan(v / {@code steadyVelocity}) in degrees. The
 * level is the lowest band all angles of the streak reach: yellow ≥ {@code yellowAngle} 45°, orange
 * ≥ {@code orangeAngle} 80°, red ≥ {@code redAngle} 85°. It is held while the streak is mixed and
 * clears only when {@link #STREAK} consecutive angles are all below yellow: one noisy reading
 * should neither open nor end a landslide warning. Steep angles also go to geo.rain_then_movement.
 */
public class DisplacementUnit extends OrderedReadingsUnit<DisplacementState> {
    public static final int REGRESSION_READINGS = 3;
    public static final int STREAK = 3;

    /** A device silent this long (or three reporting periods, if longer) starts afresh. */
    static final long MIN_QUIET_MILLIS = 24 * 3600 * 1000L;

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    public DisplacementUnit(RuleSettings settings) {
        super(
                settings,
                DisplacementRule.ID,
                DisplacementUnit::isInput,
                DeviceRuleState.DISPLACEMENT,
                DisplacementState::new);
    }

    static boolean isInput(DeviceEvent event) {
        return event.isValidReading()
                && event.reading.type == SensorType.DISPLACEMENT
                && event.site.kind == RiskPointKind.slope;
    }

    @Override
    protected void step(DisplacementState state, DeviceEvent event, UnitContext context) {
        append(state, event.ts, event.reading.value);
        int[] regression = regression(state, state.ts.length - 1);
        if (regression.length == REGRESSION_READINGS) {
            double velocity =
                    velocityMmPerHour(
                            select(state.ts, regression), select(state.values, regression));
            double angle = tangentAngle(velocity, steadyVelocity(event.site));
            if (angle >= GeoParams.MOVEMENT_ANGLE.of(event.site)) {
                context.signal(
                        SlopeSignal.TAG,
                        SlopeSignal.movement(
                                event, angle, evidence(state, regression, event.deviceId)));
            }
            streak(state, event, velocity, angle, context);
        }
        keepNeeded(state);
    }

    /** The angle at the latest reading joins the streak; a whole streak is judged. */
    void streak(
            DisplacementState state,
            DeviceEvent event,
            double velocity,
            double angle,
            UnitContext context) {
        state.angles = longer(state.angles, angle);
        if (state.angles.length == STREAK) {
            judge(state, event, velocity, context);
        }
    }

    static void append(DisplacementState state, long ts, double value) {
        int n = state.ts == null ? 0 : state.ts.length;
        state.ts = Arrays.copyOf(state.ts == null ? new long[0] : state.ts, n + 1);
        state.values = Arrays.copyOf(state.values == null ? new double[0] : state.values, n + 1);
        state.ts[n] = ts;
        state.values[n] = value;
    }

    private static double[] longer(double[] angles, double angle) {
        int n = angles == null ? 0 : angles.length;
        double[] streak = new double[Math.min(n + 1, STREAK)];
        int from = n + 1 - streak.length;
        for (int i = from; i < n; i++) {
            streak[i - from] = angles[i];
        }
        streak[streak.length - 1] = angle;
        return streak;
    }

    /**
     * The regression of the angle at reading {@code at}: the indices of the last {@link
     * #REGRESSION_READINGS} readings up to it, oldest first, of which a reading re-sent at the same
     * instant (a zero time step would break the regression) replaced the earlier one.
     */
    private static int[] regression(DisplacementState state, int at) {
        int[] picked = new int[REGRESSION_READINGS];
        int count = 0;
        for (int i = at; i >= 0 && count < REGRESSION_READINGS; i--) {
            if (i == at || state.ts[i] != state.ts[i + 1]) {
                picked[REGRESSION_READINGS - 1 - count++] = i;
            }
        }
        return Arrays.copyOfRange(picked, REGRESSION_READINGS - count, REGRESSION_READINGS);
    }

    private static long[] select(long[] all, int[] indices) {
        long[] picked = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = all[indices[i]];
        }
        return picked;
    }

    private static double[] select(double[] all, int[] indices) {
        double[] picked = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = all[indices[i]];
        }
        return picked;
    }

    /**
     * Drops the readings neither the next regression nor a regression of the streak's angles reads
     * (the streak's angles are those of the last readings).
     */
    private static void keepNeeded(DisplacementState state) {
        int n = state.ts.length;
        int oldest = state.angles == null ? n - 1 : n - state.angles.length;
        int from = regression(state, oldest)[0];
        if (from > 0) {
            state.ts = Arrays.copyOfRange(state.ts, from, n);
            state.values = Arrays.copyOfRange(state.values, from, n);
        }
    }

    private void judge(
            DisplacementState state, DeviceEvent event, double velocity, UnitContext context) {
        int before = state.level;
        int reached = Integer.MAX_VALUE;
        int highest = 0;
        for (double angle : state.angles) {
            int band = band(angle, event.site);
            reached = Math.min(reached, band);
            highest = Math.max(highest, band);
        }
        int now = reached > 0 ? reached : highest == 0 ? 0 : before;
        state.level = now;
        if (now > before) {
            context.emit(match(state, event, velocity, now));
        } else if (now == 0 && before > 0) {
            RuleMatch clear = base(event.site, event.deviceId, event.ts);
            clear.clear = true;
            context.emit(clear);
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

    static double steadyVelocity(Site site) {
        return GeoParams.STEADY_VELOCITY.of(site);
    }

    /** Degrees; a device moving backwards has a negative angle and never reaches a band. */
    static double tangentAngle(double velocity, double steadyVelocity) {
        return Math.toDegrees(Math.atan(velocity / steadyVelocity));
    }

    /** Slope of the least-squares line of value over time, in mm per hour. */
    static double velocityMmPerHour(long[] ts, double[] values) {
        long origin = ts[0];
        double meanT = 0;
        double meanY = 0;
        for (int i = 0; i < ts.length; i++) {
            meanT += (ts[i] - origin) / MILLIS_PER_HOUR;
            meanY += values[i];
        }
        meanT /= ts.length;
        meanY /= ts.length;
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < ts.length; i++) {
            double dt = (ts[i] - origin) / MILLIS_PER_HOUR - meanT;
            covariance += dt * (values[i] - meanY);
            variance += dt * dt;
        }
        return covariance / variance;
    }

    private static List<Evidence> evidence(
            DisplacementState state, int[] readings, String deviceId) {
        List<Evidence> evidence = new ArrayList<>(readings.length);
        for (int i : readings) {
            evidence.add(reading(deviceId, state.ts[i], state.values[i]));
        }
        return evidence;
    }

    private static Evidence reading(String deviceId, long ts, double value) {
        Evidence evidence = new Evidence();
        evidence.deviceId = deviceId;
        evidence.type = SensorType.DISPLACEMENT.wireName();
        evidence.value = value;
        evidence.ts = ts;
        return evidence;
    }

    /** Evidence: the readings of the streak's regressions, each instant once (its first value). */
    private RuleMatch match(DisplacementState state, DeviceEvent event, double velocity, int rank) {
        int n = state.ts.length;
        RuleMatch match = base(event.site, event.deviceId, event.ts);
        match.level = AlertLevel.values()[rank - 1];
        match.startTs = state.ts[n - STREAK];
        for (int at = n - STREAK; at < n; at++) {
            for (int i : regression(state, at)) {
                long ts = state.ts[i];
                if (match.evidence.stream().noneMatch(e -> e.ts == ts)) {
                    match.evidence.add(reading(event.deviceId, ts, state.values[i]));
                }
            }
        }
        double minAngle = Arrays.stream(state.angles).min().orElse(0);
        match.message =
                settings.text(
                        "Slope %s: displacement at %s is accelerating, %.2f mm/h;"
                                + " tangent angle ≥ %.1f° on %d consecutive readings",
                        "%1$s 位移监测点 %2$s 加速变形，速率 %3$.2f 毫米/小时，连续 %5$d 次切线角 ≥ %4$.1f°",
                        event.site.name,
                        event.deviceId,
                        velocity,
                        minAngle,
                        STREAK);
        return match;
    }

    private static RuleMatch base(Site site, String deviceId, long ts) {
        RuleMatch match =
                RuleMatch.at(DisplacementRule.ID, Scenario.geohazard, site, ts, ts)
                        .perDevice(deviceId);
        match.selfClearing = true;
        return match;
    }

    @Override
    protected long quietMillis(DisplacementState state, DeviceEvent latest) {
        return Math.max(MIN_QUIET_MILLIS, 3L * latest.site.reportingPeriodSec * 1000);
    }

    /** Going quiet never clears the level: nothing is pending at a replay's end. */
    @Override
    protected boolean alertOpen(DisplacementState state) {
        return false;
    }

    /**
     * The streak was an operator of its own, whose quiet time ran on its own timer while a later
     * reading still waited before the angles: the streak starts afresh then, as it did, and the
     * regression goes on with the readings.
     */
    @Override
    protected void quietWhileHeld(DisplacementState state, long due, UnitContext context) {
        state.angles = null;
        if (state.ts != null) {
            keepNeeded(state);
        }
    }

    /** A silent device keeps only an open level, so that its next readings can clear it. */
    @Override
    protected void forget(DisplacementState state, String deviceId, long ts, UnitContext context) {
        state.ts = null;
        state.values = null;
        state.angles = null;
    }

    @Override
    protected boolean empty(DisplacementState state) {
        return state.ts == null && state.level == 0;
    }
}
