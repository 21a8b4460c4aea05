package io.citywatch.simulator;

import io.citywatch.common.model.AlertLevel;

/**
 * One alert the job must raise for an injected scenario: the rule, where, the device for per-device
 * rules (else null), and the highest level it must reach.
 */
public record ExpectedAlert(
        String scenario,
        String family,
        String ruleId,
        String riskPointId,
        String deviceId,
        AlertLevel level,
        long fromTs) {

    /** Identifies the alert episode: rule, risk point and (per-device rules) device. */
    public String key() {
        return key(ruleId, riskPointId, deviceId);
    }

    public static String key(String ruleId, String riskPointId, String deviceId) {
        return ruleId + " " + riskPointId + (deviceId == null ? "" : " " + deviceId);
    }
}
