package io.citywatch.jobs.rules.incident;

import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * {@code incident.unacknowledged}: an incident still {@code reported} {@code yellowAfter} (600 s)
 * after it came in → yellow, {@code orangeAfter} (1800 s) → orange. Keyed functions with event-time
 * timers: the rule is an absence of a status update, and a timer per incident states that directly
 * with one small piece of state and no partial matches. Self-clearing when the incidents of a place
 * are all acknowledged.
 */
public class IncidentUnacknowledgedRule implements Rule {
    public static final String ID = "incident.unacknowledged";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        SingleOutputStreamOperator<AckStage> stages =
                inputs.incidents()
                        .keyBy(event -> event.incident.incidentId)
                        .process(new AckClock(inputs.settings()))
                        .returns(TypeInformation.of(AckStage.class))
                        .uid(ID + ".clock")
                        .name(ID + ": acknowledgement clock");
        inputs.reportPending(stages.getSideOutput(Pending.TAG));
        return stages.keyBy(stage -> stage.locationKey)
                .process(new UnackedIncidents(inputs.settings()))
                .uid(ID + ".places")
                .name(ID + ": unacknowledged per place");
    }
}
