package io.citywatch.common.model;

/** The scenario families an alert belongs to (SPEC §3.1). */
public enum Scenario {
    fire,
    geohazard,
    flood,
    gas,
    bridge,
    device,
    incident
}
