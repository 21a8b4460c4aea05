package io.citywatch.common.model;

/** Who reported an incident (docs/contract.md §2.2). */
public enum IncidentSource {
    citizen_app,
    hotline_110,
    hotline_119,
    hotline_12345,
    patrol,
    video_ai
}
