package io.citywatch.jobs.rules.incident;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Incident;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.IncidentEvent;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The incidents of one category at one place (risk point or grid cell), each counted once at the
 * event time of its first record, whatever status updates follow. An incident whose latest status
 * is false_alarm no longer counts. Incidents are remembered for {@link #MEMORY_MILLIS} after their
 * last record, so that a late status update is still recognised as the same incident.
 */
public class IncidentClusters extends KeyedProcessFunction<String, IncidentEvent, RuleMatch> {
    static final long MEMORY_MILLIS = 24 * 3600 * 1000L;

    private final RuleSettings settings;
    private transient MapState<String, SeenIncident> seen;

    public IncidentClusters(RuleSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        seen =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "seen",
                                        Types.STRING,
                                        TypeInformation.of(SeenIncident.class)));
    }

    @Override
    public void processElement(IncidentEvent event, Context ctx, Collector<RuleMatch> out)
            throws Exception {
        Incident incident = event.incident;
        SeenIncident known = seen.get(incident.incidentId);
        boolean arrival = known == null || event.ts < known.firstTs;
        if (known == null) {
            known = new SeenIncident();
            known.incidentId = incident.incidentId;
            known.firstTs = event.ts;
            known.lastTs = event.ts;
            known.latestStatus = incident.status;
        }
        if (event.ts < known.firstTs) {
            known.firstTs = event.ts;
        }
        if (event.ts >= known.lastTs) {
            known.lastTs = event.ts;
            known.latestStatus = incident.status;
        }
        if (known.evidence == null || event.ts <= known.firstTs) {
            known.evidence = Evidence.of(incident);
        }
        seen.put(incident.incidentId, known);
        ctx.timerService().registerEventTimeTimer(known.lastTs + MEMORY_MILLIS);
        // only a new incident (or an earlier sight of one) can complete a cluster
        if (arrival && known.counts()) {
            detect(event, known, out);
        }
    }

    private void detect(IncidentEvent event, SeenIncident newcomer, Collector<RuleMatch> out)
            throws Exception {
        double size = IncidentParams.CLUSTER_SIZE.of(event.site);
        long window = (long) (IncidentParams.CLUSTER_WINDOW.of(event.site) * 1000);
        List<SeenIncident> near = new ArrayList<>();
        for (SeenIncident other : seen.values()) {
            if (other.counts() && Math.abs(other.firstTs - newcomer.firstTs) <= window) {
                near.add(other);
            }
        }
        near.sort(
                Comparator.<SeenIncident>comparingLong(s -> s.firstTs)
                        .thenComparing(s -> s.incidentId));
        // the largest group within one window that contains the newcomer
        List<SeenIncident> best = List.of();
        for (SeenIncident first : near) {
            if (first.firstTs > newcomer.firstTs) {
                break;
            }
            List<SeenIncident> group = new ArrayList<>();
            for (SeenIncident member : near) {
                if (member.firstTs >= first.firstTs && member.firstTs - first.firstTs <= window) {
                    group.add(member);
                }
            }
            if (group.size() > best.size()) {
                best = group;
            }
        }
        if (best.size() >= size) {
            out.collect(clusterMatch(event, best, window));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        List<String> expired = new ArrayList<>();
        for (SeenIncident incident : seen.values()) {
            if (incident.lastTs + MEMORY_MILLIS <= timestamp) {
                expired.add(incident.incidentId);
            }
        }
        for (String id : expired) {
            seen.remove(id);
        }
    }

    private RuleMatch clusterMatch(IncidentEvent event, List<SeenIncident> group, long window) {
        RuleMatch match = new RuleMatch();
        match.ruleId = IncidentClusterRule.ID;
        match.scenario = Scenario.incident;
        match.level = AlertLevel.orange;
        match.site = event.site;
        match.locationKey = event.locationKey;
        match.startTs = group.get(0).firstTs;
        match.detectTs = group.get(group.size() - 1).firstTs;
        for (SeenIncident member : group) {
            match.incidentIds.add(member.incidentId);
            match.evidence.add(member.evidence);
        }
        match.message =
                settings.text(
                        "%d %s incidents reported at %s within %d min",
                        "%3$s %4$d 分钟内报告 %1$d 起%5$s事件",
                        group.size(),
                        event.incident.category.name(),
                        Places.name(event.site, event.locationKey),
                        window / 60_000,
                        Places.chinese(event.incident.category));
        return match;
    }
}
