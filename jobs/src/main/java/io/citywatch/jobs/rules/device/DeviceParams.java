package io.citywatch.jobs.rules.device;

import io.citywatch.jobs.rules.RuleParam;

import java.util.List;

/**
 * The parameters of the device-health rules and coverage.gap (docs/rules.md), each declared once
 * with its default.
 */
public final class DeviceParams {
    private DeviceParams() {}

    public static final RuleParam OFFLINE_PERIODS =
            RuleParam.of(
                    "device.offlinePeriods",
                    3,
                    "reporting periods",
                    1,
                    1000,
                    "silence of a device, in its risk point's reporting periods, that is offline"
                            + " (strictly more than)");

    public static final RuleParam STUCK_TOLERANCE =
            RuleParam.of(
                    "device.stuckTolerance",
                    0.01,
                    "the type's unit",
                    0,
                    10000,
                    "largest max − min of a flat run of readings (≤)");

    public static final RuleParam STUCK_MINUTES =
            RuleParam.of(
                    "device.stuckMinutes",
                    40,
                    "min",
                    1,
                    10080,
                    "shortest flat run that is stuck (≥)");

    public static final RuleParam STUCK_READINGS =
            RuleParam.of(
                    "device.stuckReadings",
                    5,
                    "readings",
                    2,
                    10000,
                    "fewest readings in a flat run that is stuck (≥)");

    public static final RuleParam FAULT_READINGS =
            RuleParam.of(
                    "device.faultReadings",
                    3,
                    "readings",
                    1,
                    1000,
                    "readings in a row outside the type's physical span that are a sensor fault");

    public static final RuleParam GAP_RATIO =
            RuleParam.of(
                    "coverage.gapRatio",
                    0.5,
                    "share of devices",
                    0.01,
                    1,
                    "share of a risk point's devices offline that is a coverage gap (≥)");

    public static final List<RuleParam> OFFLINE = List.of(OFFLINE_PERIODS);
    public static final List<RuleParam> STUCK =
            List.of(STUCK_TOLERANCE, STUCK_MINUTES, STUCK_READINGS);
    public static final List<RuleParam> SENSOR_FAULT = List.of(FAULT_READINGS);
    public static final List<RuleParam> COVERAGE_GAP = List.of(GAP_RATIO);
}
