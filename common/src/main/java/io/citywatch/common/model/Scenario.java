package io.citywatch.common.model;

/** The scenario families an alert belongs to (docs/contract.md §3.1). */
public enum Scenario {
    fire,
    geohazard,
    flood,
    gas,
    bridge,
    device,
    incident
}
