package io.citywatch.jobs.rules.bridge;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.rules.RuleParam;

import java.util.ArrayList;
import java.util.List;

/**
 * The limits of bridge.structure, {@code bridge.<type>.<band>}: a bridge's design values, so none
 * has a default. The magnitude of a reading is compared, so a limit is never negative.
 */
public final class BridgeParams {
    private BridgeParams() {}

    /** The structural types, each with the largest magnitude its readings can have. */
    static final SensorType[] TYPES = {
        SensorType.STRAIN, SensorType.DEFLECTION, SensorType.VIBRATION
    };

    private static final double[] LARGEST = {20000, 2000, 1000};

    static final AlertLevel[] BANDS = {AlertLevel.yellow, AlertLevel.orange, AlertLevel.red};

    /** Type by type (strain, deflection, vibration), then yellow, orange, red. */
    public static final List<RuleParam> STRUCTURE = limits();

    /** The limit of one type and band, e.g. {@code bridge.deflection.orange}; null for none. */
    static RuleParam limit(SensorType type, AlertLevel band) {
        for (int t = 0; t < TYPES.length; t++) {
            for (int b = 0; b < BANDS.length; b++) {
                if (TYPES[t] == type && BANDS[b] == band) {
                    return STRUCTURE.get(t * BANDS.length + b);
                }
            }
        }
        return null;
    }

    private static List<RuleParam> limits() {
        List<RuleParam> params = new ArrayList<>();
        for (int t = 0; t < TYPES.length; t++) {
            for (AlertLevel band : BANDS) {
                params.add(
                        RuleParam.withoutDefault(
                                "bridge." + TYPES[t].wireName() + "." + band.name(),
                                TYPES[t].unit(),
                                0,
                                LARGEST[t],
                                band.name()
                                        + " when the magnitude of "
                                        + TYPES[t].wireName()
                                        + " is beyond it on 3 readings in a row (>)"));
            }
        }
        return List.copyOf(params);
    }
}
