package io.citywatch.jobs.rules.incident;

import io.citywatch.jobs.rules.RuleParam;

import java.util.List;

/**
 * The parameters of the incident rules (docs/rules.md), each declared once with its default. An
 * incident in a grid cell, outside every risk point, always has the defaults.
 */
public final class IncidentParams {
    private IncidentParams() {}

    public static final RuleParam CLUSTER_SIZE =
            RuleParam.of(
                    "incident.clusterSize",
                    3,
                    "incidents",
                    2,
                    1000,
                    "distinct incidents of one category in one place that are a cluster (≥)");

    public static final RuleParam CLUSTER_WINDOW =
            RuleParam.of(
                    "incident.clusterWindow",
                    600,
                    "s",
                    1,
                    86400,
                    "time all first reports of a cluster fall within (inclusive)");

    /** Both deadlines stay below the 24 h an incident is tracked ({@link AckClock}). */
    public static final RuleParam YELLOW_AFTER =
            RuleParam.of(
                    "incident.yellowAfter",
                    600,
                    "s",
                    1,
                    86399,
                    "an incident still reported this long after it came in is yellow");

    public static final RuleParam ORANGE_AFTER =
            RuleParam.of(
                    "incident.orangeAfter",
                    1800,
                    "s",
                    1,
                    86399,
                    "an incident still reported this long after it came in is orange");

    public static final List<RuleParam> CLUSTER = List.of(CLUSTER_SIZE, CLUSTER_WINDOW);
    public static final List<RuleParam> UNACKNOWLEDGED = List.of(YELLOW_AFTER, ORANGE_AFTER);
}
