package io.citywatch.common.model;

/** One validated operator action on an alert (docs/contract.md §2.4). */
public class AlertAction {
    public String alertId;
    public ActionType action;
    public String by;
    public long ts;

    public AlertAction() {}
}
