package io.citywatch.jobs.rules.gas;

import io.citywatch.jobs.rules.RuleParam;

import java.util.List;

/**
 * The parameters of the gas rules (docs/rules.md), each declared once with its default. 20 %LEL
 * sits below the 25 %LEL ceiling GB/T 50493 sets for a combustible-gas first-level alarm, 50 %LEL
 * is its second-level ceiling.
 */
public final class GasParams {
    private GasParams() {}

    public static final RuleParam ALARM =
            RuleParam.of(
                    "gas.alarm",
                    20,
                    "%LEL",
                    1,
                    100,
                    "methane of the first-level alarm: orange on 2 readings in a row, spread (≥)");

    public static final RuleParam HIGH_ALARM =
            RuleParam.of(
                    "gas.highAlarm",
                    50,
                    "%LEL",
                    1,
                    100,
                    "methane of the second-level alarm: red on one reading (≥)");

    public static final List<RuleParam> CONCENTRATION = List.of(ALARM, HIGH_ALARM);
    public static final List<RuleParam> SPREAD = List.of(ALARM);
}
