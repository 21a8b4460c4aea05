package io.citywatch.jobs.aggregates;

import io.citywatch.common.model.Alert;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@code alert_lifecycle}: remembers when each alert opened and was first acknowledged, dispatched
 * and resolved, and writes one point when it ends (resolved, false alarm or cleared), then forgets
 * it. Keyed by alertId. Until the lifecycle issue lands only {@code cleared} ends an alert; the
 * action fields then stay absent.
 */
public class AlertLifecycle extends KeyedProcessFunction<String, Alert, String> {
    /** What is known of one alert's life so far. */
    public static class Times {
        public long openTs;
        public Long ackTs;
        public Long dispatchTs;
        public Long resolveTs;

        public Times() {}
    }

    private transient ValueState<Times> times;

    @Override
    public void open(OpenContext openContext) {
        times =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "lifecycle", TypeInformation.of(Times.class)));
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<String> out) throws Exception {
        Times known = times.value();
        if (known == null) {
            known = new Times();
            // the first change seen is the opening one; after a gap, the rule's detection time
            known.openTs = alert.version == 1 ? alert.changeTs : alert.detectTs;
        }
        switch (alert.status) {
            case acknowledged -> known.ackTs = first(known.ackTs, alert.changeTs);
            case dispatched -> known.dispatchTs = first(known.dispatchTs, alert.changeTs);
            case resolved, false_alarm -> known.resolveTs = first(known.resolveTs, alert.changeTs);
            default -> {}
        }
        if (AlertChange.of(alert).ends()) {
            out.collect(
                    Measurements.alertLifecycle(
                            alert,
                            seconds(known.openTs, known.ackTs),
                            seconds(known.openTs, known.dispatchTs),
                            seconds(known.openTs, known.resolveTs)));
            times.clear();
        } else {
            times.update(known);
        }
    }

    private static Long first(Long current, long ts) {
        return current == null ? ts : current;
    }

    private static Long seconds(long from, Long to) {
        return to == null ? null : Math.max(0, to - from) / 1000;
    }
}
