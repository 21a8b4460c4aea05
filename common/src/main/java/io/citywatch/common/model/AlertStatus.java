package io.citywatch.common.model;

/** The states an alert goes through (SPEC §3.1, §5). */
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
