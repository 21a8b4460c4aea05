package io.citywatch.jobs.cap;

import io.citywatch.common.model.Alert;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * The CAP feed (docs/contract.md §3.1b), keyed by alertId: one message per alert version, whose
 * {@code references} name every earlier version of the alert. Those references are keyed state, so
 * that a job restored after a failure still chains the messages it wrote before; they are dropped
 * when the alert ends, as no message can follow its Cancel.
 */
public class CapFeed extends KeyedProcessFunction<String, Alert, CapMessage> {
    static final ListStateDescriptor<String> REFERENCES =
            new ListStateDescriptor<>("cap-references", Types.STRING);

    private final CapSettings settings;
    private transient ListState<String> references;

    public CapFeed(CapSettings settings) {
        this.settings = settings;
    }

    /** The feed of {@code alerts}: those of the configured scenarios, as CAP messages. */
    public static DataStream<CapMessage> of(DataStream<Alert> alerts, CapSettings settings) {
        return alerts.filter(new InFeed(settings))
                .uid("alerts.cap.scenarios")
                .name("alerts: CAP scenarios")
                .keyBy(alert -> alert.alertId)
                .process(new CapFeed(settings))
                .uid("alerts.cap")
                .name("alerts: CAP 1.2");
    }

    @Override
    public void open(OpenContext openContext) {
        references = getRuntimeContext().getListState(REFERENCES);
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<CapMessage> out)
            throws Exception {
        List<String> earlier = new ArrayList<>();
        for (String reference : references.get()) {
            earlier.add(reference);
        }
        out.collect(
                CapMessage.of(
                        alert.alertId, alert.version, CapMessages.write(alert, earlier, settings)));
        if (CapMessages.ends(alert)) {
            references.clear();
        } else {
            references.add(CapMessages.reference(settings, alert));
        }
    }

    /** Alerts of the scenarios the feed carries. */
    static final class InFeed implements FilterFunction<Alert> {
        private final CapSettings settings;

        InFeed(CapSettings settings) {
            this.settings = settings;
        }

        @Override
        public boolean filter(Alert alert) {
            return settings.includes(alert.scenario);
        }
    }
}
