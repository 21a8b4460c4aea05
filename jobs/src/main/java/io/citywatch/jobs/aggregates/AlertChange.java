package io.citywatch.jobs.aggregates;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.AlertStatus;

/** What the aggregates keep of one alert change. */
public class AlertChange {
    public String alertId;
    public int version;
    public String ruleId;
    public AlertLevel level;
    public AlertStatus status;
    public String riskPointId;
    public String district;
    public String deviceId;
    public long changeTs;

    public AlertChange() {}

    public static AlertChange of(Alert alert) {
        AlertChange change = new AlertChange();
        change.alertId = alert.alertId;
        change.version = alert.version;
        change.ruleId = alert.ruleId;
        change.level = alert.level;
        change.status = alert.status;
        change.riskPointId = alert.riskPointId;
        change.district = alert.district;
        change.deviceId = alert.deviceId;
        change.changeTs = alert.changeTs;
        return change;
    }

    /** Resolved, false alarm or cleared: the alert is no longer open. */
    public boolean ends() {
        return status == AlertStatus.resolved
                || status == AlertStatus.false_alarm
                || status == AlertStatus.cleared;
    }
}
