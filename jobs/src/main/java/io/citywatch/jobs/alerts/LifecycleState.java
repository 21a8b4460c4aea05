package io.citywatch.jobs.alerts;

import io.citywatch.common.model.Alert;

/** What the lifecycle remembers of one alert between changes. */
public class LifecycleState {
    /** The latest record of the changelog. */
    public Alert alert;

    public long openTs;
    public Long ackTs;
    public Long dispatchTs;
    public Long resolveTs;

    /** Any operator action stops the escalation clock. */
    public boolean actedOn;

    public Long nextEscalationTs;
    public boolean ended;
    public long forgetAt;

    public LifecycleState() {}
}
