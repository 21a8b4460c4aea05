package io.citywatch.common.model;

/** Where an incident is in its handling (docs/contract.md §2.2). */
public enum IncidentStatus {
    reported,
    acknowledged,
    dispatched,
    on_site,
    resolved,
    false_alarm
}
