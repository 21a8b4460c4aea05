package io.citywatch.common.model;

/** The kinds of risk point of docs/contract.md §2.3. */
public enum RiskPointKind {
    high_rise,
    slope,
    river_station,
    underpass,
    gas_network,
    bridge
}
