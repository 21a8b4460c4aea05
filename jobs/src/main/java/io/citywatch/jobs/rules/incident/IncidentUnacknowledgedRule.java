package io.citywatch.jobs.rules.incident;

import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleWiring;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@code incident.unacknowledged}: an incident still {@code reported} {@code yellowAfter} (600 s)
 * after it came in → yellow, {@code orangeAfter} (1800 s) → orange. Keyed functions with event-time
 * timers: the rule is an absence of a status update, and a timer per incident states that directly
 * with one small piece of state and no partial matches. Self-clearing when the incidents of a place
 * are all acknowledged.
 */
public class IncidentUnacknowledgedRule extends Rule {
    public static final String ID = "incident.unacknowledged";

    public IncidentUnacknowledgedRule() {
        super(ID);
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        RuleWiring wiring = inputs.wiring(this);
        DataStream<AckStage> stages =
                wiring.from(inputs.incidents())
                        .keyBy(event -> event.incident.incidentId)
                        .process(
                                new AckClock(inputs.settings()),
                                TypeInformation.of(AckStage.class),
                                "clock",
                                "acknowledgement clock");
        return wiring.from(stages)
                .keyBy(stage -> stage.locationKey)
                .process(
                        new UnackedIncidents(inputs.settings()),
                        "places",
                        "unacknowledged per place");
    }
}
