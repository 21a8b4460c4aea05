package io.citywatch.jobs.rules.fire;

import io.citywatch.jobs.rules.RuleParam;

import java.util.List;

/** The parameters of the fire rules (docs/rules.md), each declared once with its default. */
public final class FireParams {
    private FireParams() {}

    public static final RuleParam SMOKE_ALARM =
            RuleParam.of(
                    "fire.smokeAlarm",
                    3.0,
                    "%/m",
                    0.1,
                    100,
                    "smoke obscuration at which one detector alarms (≥)");

    public static final RuleParam HEAT_ALARM =
            RuleParam.of(
                    "fire.heatAlarm",
                    60,
                    "°C",
                    20,
                    1200,
                    "temperature at which one heat detector alarms (≥)");

    public static final RuleParam RATE_OF_RISE =
            RuleParam.of(
                    "fire.rateOfRise",
                    9,
                    "°C",
                    0.1,
                    1000,
                    "rise of one heat detector within the rate-of-rise window that alarms (≥)");

    public static final RuleParam RATE_OF_RISE_WINDOW =
            RuleParam.of(
                    "fire.rateOfRiseWindow",
                    60,
                    "s",
                    1,
                    3600,
                    "window of the rate-of-rise alarm (inclusive)");

    /** The upper bound is the pattern's own limit, {@link FireConfirmedRule#MAX_CONFIRM_WINDOW}. */
    public static final RuleParam CONFIRM_WINDOW =
            RuleParam.of(
                    "fire.confirmWindow",
                    180,
                    "s",
                    1,
                    600,
                    "time between the two independent signals that confirm a fire (inclusive)");

    public static final RuleParam LOW_PRESSURE =
            RuleParam.of(
                    "fire.lowPressure",
                    0.10,
                    "MPa",
                    0,
                    10,
                    "fire water pressure below which the supply is low (strictly below)");

    public static final List<RuleParam> DETECTOR_ALARM =
            List.of(SMOKE_ALARM, HEAT_ALARM, RATE_OF_RISE, RATE_OF_RISE_WINDOW);
    public static final List<RuleParam> CONFIRMED = List.of(CONFIRM_WINDOW);
    public static final List<RuleParam> PUMP_FAILED = List.of(LOW_PRESSURE);
    public static final List<RuleParam> WATER_SUPPLY_LOW = List.of(LOW_PRESSURE);
}
