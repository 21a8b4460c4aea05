package io.citywatch.jobs.rules.incident;

import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@code incident.cluster} orange: {@code clusterSize} (3) or more distinct incidents of one
 * category at one risk point, or one geohash-6 cell, within {@code clusterWindow} (600 s).
 *
 * <p>A keyed function rather than CEP: an incident arrives as several records (one per status), and
 * counting distinct incidentIds, withdrawing false alarms and finding the best window in either
 * arrival order is a computation over a small set, where a CEP pattern would start a partial match
 * for every status record and could not forget one.
 */
public class IncidentClusterRule extends Rule {
    public static final String ID = "incident.cluster";

    public IncidentClusterRule() {
        super(ID);
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        return inputs.wiring(this)
                .from(inputs.incidents())
                .keyBy(event -> event.locationKey + "|" + event.incident.category.name())
                .process(new IncidentClusters(inputs.settings()), "clusters", "clusters");
    }
}
