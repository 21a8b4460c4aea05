package io.citywatch.jobs.io;

import io.citywatch.common.topic.CityTopics;

/** Default topic names of docs/contract.md §2-3; every one can be renamed in the configuration. */
public final class Topics {
    public static final String READINGS = CityTopics.READINGS;
    public static final String INCIDENTS = CityTopics.INCIDENTS;
    public static final String REGISTRY = CityTopics.REGISTRY;
    public static final String ALERT_ACTIONS = CityTopics.ALERT_ACTIONS;
    public static final String ALERTS = CityTopics.ALERTS;
    public static final String DEADLETTER = CityTopics.DEADLETTER;
    public static final String ALERTS_CAP = CityTopics.ALERTS_CAP;

    private Topics() {}
}
