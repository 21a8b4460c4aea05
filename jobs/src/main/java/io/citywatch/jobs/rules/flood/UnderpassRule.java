package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.RiskPointHostedRule;

/**
 * {@code flood.underpass}: standing water in an underpass on 2 consecutive readings of one depth
 * gauge, yellow ≥ 10 cm, orange ≥ 20 cm, red ≥ 30 cm (road closure). Per risk point, so that the
 * road's one alert clears only when every gauge there is dry: a unit of the risk point rule host
 * ({@link UnderpassUnit}).
 */
public class UnderpassRule extends RiskPointHostedRule {
    public static final String ID = "flood.underpass";

    public UnderpassRule() {
        super(ID);
    }

    @Override
    public UnderpassUnit unit(RuleSettings settings) {
        return new UnderpassUnit(settings);
    }

    static boolean isInput(DeviceEvent event) {
        return event.isValidReading()
                && event.reading.type == SensorType.WATER_DEPTH
                && event.site.kind == RiskPointKind.underpass;
    }
}
