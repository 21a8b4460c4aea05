package io.citywatch.common.model;

/**
 * How an alert was handled, written once when it ends (docs/contract.md §5, measurement {@code
 * alert_lifecycle}): seconds from open to each operator step, null where the step never happened.
 */
public class AlertReview {
    public String alertId;
    public String ruleId;
    public Scenario scenario;

    /** The highest level the alert reached. */
    public AlertLevel level;

    public String district;
    public String riskPointId;

    /** resolved, false_alarm or cleared. */
    public AlertStatus endStatus;

    public long openTs;
    public long endTs;
    public Long ackSeconds;
    public Long dispatchSeconds;
    public Long resolveSeconds;
    public int escalations;

    public AlertReview() {}
}
