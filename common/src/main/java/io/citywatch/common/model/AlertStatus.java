package io.citywatch.common.model;

/** The states an alert goes through (docs/contract.md §3.1, §5). */
public enum AlertStatus {
    open,
    upgraded,
    escalated,
    acknowledged,
    dispatched,
    resolved,
    false_alarm,
    cleared
}
