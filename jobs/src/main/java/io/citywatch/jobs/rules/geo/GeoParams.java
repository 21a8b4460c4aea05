package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.jobs.rules.RuleParam;

import java.util.ArrayList;
import java.util.List;

/** The parameters of the geohazard rules (docs/rules.md), each declared once with its default. */
public final class GeoParams {
    private GeoParams() {}

    public static final RuleParam STEADY_VELOCITY =
            RuleParam.of(
                    "geo.steadyVelocity",
                    0.1,
                    "mm/h",
                    0.0001,
                    1000,
                    "the slope's steady-creep velocity: the tangent angle is 45° at this speed");

    public static final RuleParam YELLOW_ANGLE =
            RuleParam.of(
                    "geo.yellowAngle",
                    45,
                    "°",
                    0,
                    90,
                    "tangent angle of 3 readings in a row for yellow, initial acceleration (≥)");

    public static final RuleParam ORANGE_ANGLE =
            RuleParam.of(
                    "geo.orangeAngle",
                    80,
                    "°",
                    0,
                    90,
                    "tangent angle of 3 readings in a row for orange, medium acceleration (≥)");

    public static final RuleParam RED_ANGLE =
            RuleParam.of(
                    "geo.redAngle",
                    85,
                    "°",
                    0,
                    90,
                    "tangent angle of 3 readings in a row for red, imminent failure (≥)");

    /** The durations of the rainfall table, in hours. */
    static final int[] RAIN_HOURS = {1, 3, 6, 24};

    /** mm per level (blue … red) and duration (1, 3, 6, 24 h), docs/contract.md §4. */
    private static final double[][] RAIN_DEFAULT_MM = {
        {35, 55, 70, 100}, {45, 75, 95, 130}, {60, 100, 120, 160}, {80, 120, 150, 200}
    };

    /** {@code geo.rain<h>h.<level>}, level by level (blue first), then by duration. */
    public static final List<RuleParam> RAINFALL = rainfallTable();

    public static final RuleParam MOVEMENT_RAIN_1H =
            RuleParam.of(
                    "geo.movementRain1h",
                    35,
                    "mm",
                    0.1,
                    500,
                    "rain in 1 h that makes a slope suspect of moving (≥)");

    public static final RuleParam MOVEMENT_ANGLE =
            RuleParam.of(
                    "geo.movementAngle",
                    45,
                    "°",
                    0,
                    90,
                    "one tangent angle after the rain that is movement (≥)");

    /**
     * The upper bound is the pattern's own limit, {@link RainThenMovementRule#MAX_MOVEMENT_WINDOW}.
     */
    public static final RuleParam MOVEMENT_WINDOW =
            RuleParam.of(
                    "geo.movementWindow",
                    21600,
                    "s",
                    1,
                    86400,
                    "time from the heavy rain to the movement (inclusive)");

    public static final RuleParam CRACK_JUMP =
            RuleParam.of(
                    "geo.crackJump",
                    2.0,
                    "mm",
                    0.01,
                    2000,
                    "widening of one crack meter within the window that is a jump (≥)");

    public static final RuleParam CRACK_JUMP_WINDOW =
            RuleParam.of(
                    "geo.crackJumpWindow",
                    3600,
                    "s",
                    60,
                    86400,
                    "window of the crack jump (inclusive)");

    public static final List<RuleParam> DISPLACEMENT =
            List.of(STEADY_VELOCITY, YELLOW_ANGLE, ORANGE_ANGLE, RED_ANGLE);
    public static final List<RuleParam> RAIN_THEN_MOVEMENT =
            List.of(MOVEMENT_RAIN_1H, MOVEMENT_ANGLE, MOVEMENT_WINDOW, STEADY_VELOCITY);
    public static final List<RuleParam> CRACK_JUMP_PARAMS = List.of(CRACK_JUMP, CRACK_JUMP_WINDOW);

    /** The rainfall limit of one level and duration, e.g. {@code geo.rain24h.red}. */
    static RuleParam rainfall(AlertLevel level, int hours) {
        for (int d = 0; d < RAIN_HOURS.length; d++) {
            if (RAIN_HOURS[d] == hours) {
                return RAINFALL.get(level.ordinal() * RAIN_HOURS.length + d);
            }
        }
        throw new IllegalArgumentException("no rainfall duration of " + hours + " h");
    }

    private static List<RuleParam> rainfallTable() {
        List<RuleParam> params = new ArrayList<>();
        for (AlertLevel level : AlertLevel.values()) {
            for (int d = 0; d < RAIN_HOURS.length; d++) {
                params.add(
                        RuleParam.of(
                                "geo.rain" + RAIN_HOURS[d] + "h." + level.name(),
                                RAIN_DEFAULT_MM[level.ordinal()][d],
                                "mm",
                                0.1,
                                5000,
                                "rain in "
                                        + RAIN_HOURS[d]
                                        + " h for the "
                                        + level.name()
                                        + " geohazard warning (≥)"));
            }
        }
        return List.copyOf(params);
    }
}
