package io.citywatch.jobs.rules.gas;

import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;

/** The methane thresholds both gas rules share ({@link GasParams}). */
final class Methane {
    private Methane() {}

    static boolean isGasNetworkMethane(DeviceEvent event) {
        return event.isValidReading()
                && event.site.kind == RiskPointKind.gas_network
                && event.reading.type == SensorType.METHANE;
    }

    static double alarm(Site site) {
        return GasParams.ALARM.of(site);
    }

    static double highAlarm(Site site) {
        return GasParams.HIGH_ALARM.of(site);
    }
}
