package io.citywatch.common.model;

/** What an incident is about (docs/contract.md §2.2). */
public enum IncidentCategory {
    fire,
    smoke,
    flood,
    waterlogging,
    landslide,
    rockfall,
    gas_leak,
    structural,
    other
}
