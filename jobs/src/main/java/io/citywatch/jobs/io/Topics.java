package io.citywatch.jobs.io;

/** Default topic names of SPEC §2-3; every one can be renamed in the configuration. */
public final class Topics {
    public static final String READINGS = "citywatch.readings";
    public static final String INCIDENTS = "citywatch.incidents";
    public static final String REGISTRY = "citywatch.registry";
    public static final String ALERT_ACTIONS = "citywatch.alert-actions";
    public static final String ALERTS = "citywatch.alerts";
    public static final String DEADLETTER = "citywatch.deadletter";

    private Topics() {}
}
