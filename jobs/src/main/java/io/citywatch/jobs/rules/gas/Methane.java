package io.citywatch.jobs.rules.gas;

import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;

/**
 * The methane thresholds both gas rules share. 20 %LEL sits below the 25 %LEL ceiling GB/T 50493
 * sets for a combustible-gas first-level alarm, 50 %LEL is its second-level ceiling.
 */
final class Methane {
    static final double ALARM = 20.0;
    static final double HIGH_ALARM = 50.0;

    private Methane() {}

    static boolean isGasNetworkMethane(DeviceEvent event) {
        return event.isValidReading()
                && event.site.kind == RiskPointKind.gas_network
                && event.reading.type == SensorType.METHANE;
    }

    static double alarm(Site site) {
        return site.param("gas.alarm", ALARM);
    }

    static double highAlarm(Site site) {
        return site.param("gas.highAlarm", HIGH_ALARM);
    }
}
