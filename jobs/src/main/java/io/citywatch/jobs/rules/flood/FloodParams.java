package io.citywatch.jobs.rules.flood;

import io.citywatch.jobs.rules.RuleParam;

import java.util.List;

/** The parameters of the flood rules (docs/rules.md), each declared once with its default. */
public final class FloodParams {
    private FloodParams() {}

    /** Water levels are in the gauge's datum: the whole physical span of a water_level reading. */
    private static final double LEVEL_MIN = -100;

    private static final double LEVEL_MAX = 9000;

    public static final RuleParam WARNING =
            RuleParam.withoutDefault(
                    "flood.warning",
                    "m",
                    LEVEL_MIN,
                    LEVEL_MAX,
                    "the station's warning stage (警戒水位): yellow at or above it");

    public static final RuleParam GUARANTEE =
            RuleParam.withoutDefault(
                    "flood.guarantee",
                    "m",
                    LEVEL_MIN,
                    LEVEL_MAX,
                    "the station's guaranteed stage (保证水位): orange at or above it");

    public static final RuleParam RECORD =
            RuleParam.withoutDefault(
                    "flood.record",
                    "m",
                    LEVEL_MIN,
                    LEVEL_MAX,
                    "the station's highest recorded stage (历史最高水位): red at or above it");

    public static final RuleParam BLUE_MARGIN =
            RuleParam.of(
                    "flood.blueMargin",
                    0.5,
                    "m",
                    0,
                    100,
                    "blue when rising within this margin below the warning stage");

    public static final RuleParam HYSTERESIS =
            RuleParam.of(
                    "flood.hysteresis",
                    0.2,
                    "m",
                    0,
                    100,
                    "how far below its stage's threshold a level must fall to leave the stage");

    public static final RuleParam RAPID_RISE =
            RuleParam.of(
                    "flood.rapidRise",
                    1.0,
                    "m",
                    0.01,
                    100,
                    "rise of one gauge within the window that is a rapid rise (≥)");

    public static final RuleParam RAPID_RISE_WINDOW =
            RuleParam.of(
                    "flood.rapidRiseWindow",
                    3600,
                    "s",
                    60,
                    86400,
                    "window of the rapid rise (inclusive)");

    public static final RuleParam RAIN_12H_BLUE =
            RuleParam.of(
                    "flood.rain12h.blue",
                    50,
                    "mm",
                    0.1,
                    5000,
                    "rain in 12 h for the blue rainstorm signal (≥)");

    public static final RuleParam RAIN_6H_YELLOW =
            RuleParam.of(
                    "flood.rain6h.yellow",
                    50,
                    "mm",
                    0.1,
                    5000,
                    "rain in 6 h for the yellow rainstorm signal (≥)");

    public static final RuleParam RAIN_3H_ORANGE =
            RuleParam.of(
                    "flood.rain3h.orange",
                    50,
                    "mm",
                    0.1,
                    5000,
                    "rain in 3 h for the orange rainstorm signal (≥)");

    public static final RuleParam RAIN_3H_RED =
            RuleParam.of(
                    "flood.rain3h.red",
                    100,
                    "mm",
                    0.1,
                    5000,
                    "rain in 3 h for the red rainstorm signal (≥)");

    public static final RuleParam UNDERPASS_YELLOW =
            RuleParam.of(
                    "flood.underpass.yellow",
                    10,
                    "cm",
                    1,
                    1000,
                    "standing water on 2 readings of one gauge for yellow (≥)");

    public static final RuleParam UNDERPASS_ORANGE =
            RuleParam.of(
                    "flood.underpass.orange",
                    20,
                    "cm",
                    1,
                    1000,
                    "standing water on 2 readings of one gauge for orange (≥)");

    public static final RuleParam UNDERPASS_RED =
            RuleParam.of(
                    "flood.underpass.red",
                    30,
                    "cm",
                    1,
                    1000,
                    "standing water on 2 readings of one gauge for red, road closure (≥)");

    public static final List<RuleParam> WATER_LEVEL =
            List.of(WARNING, GUARANTEE, RECORD, BLUE_MARGIN, HYSTERESIS);
    public static final List<RuleParam> RAPID_RISE_PARAMS = List.of(RAPID_RISE, RAPID_RISE_WINDOW);
    public static final List<RuleParam> RAINSTORM =
            List.of(RAIN_12H_BLUE, RAIN_6H_YELLOW, RAIN_3H_ORANGE, RAIN_3H_RED);
    public static final List<RuleParam> UNDERPASS =
            List.of(UNDERPASS_YELLOW, UNDERPASS_ORANGE, UNDERPASS_RED);
}
