package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts one device's consecutive readings outside its type's physical span. The alert opens at
 * {@code faultReadings} in a row and clears with the next reading inside the span.
 */
public class SensorFaults extends OrderedReadings {
    private transient ValueState<Integer> consecutive;
    private transient ValueState<List<Evidence>> run;

    /** The risk point of the open alert; null while none is open. */
    private transient ValueState<Site> alertSite;

    public SensorFaults(RuleSettings settings) {
        super(settings);
    }

    @Override
    String ruleId() {
        return SensorFaultRule.ID;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        consecutive =
                getRuntimeContext().getState(new ValueStateDescriptor<>("consecutive", Types.INT));
        run =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "run", Types.LIST(TypeInformation.of(Evidence.class))));
        alertSite =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "alert-site", TypeInformation.of(Site.class)));
    }

    @Override
    protected void step(DeviceEvent event, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        if (!event.reading.fault) {
            forget(event.deviceId, event.ts, out);
            return;
        }
        int needed = (int) Math.max(1, DeviceParams.FAULT_READINGS.of(event.site));
        int count = consecutive.value() == null ? 1 : consecutive.value() + 1;
        consecutive.update(count);
        List<Evidence> evidence = run.value() == null ? new ArrayList<>() : run.value();
        // the first fault of the run dates the alert; the latest ones show what the sensor says
        if (evidence.size() >= Math.max(needed, 3)) {
            evidence.remove(1);
        }
        evidence.add(Evidence.of(event.reading));
        run.update(evidence);
        if (count >= needed && !alertOpen()) {
            alertSite.update(event.site);
            out.collect(faultMatch(event, count, evidence));
        }
    }

    /** A reading inside its span only ends a run: its time is all step needs of it. */
    @Override
    protected DeviceEvent held(DeviceEvent event) {
        return event.reading.fault ? event : event.withoutSite();
    }

    /** A sensor inside its span holds no run and no alert: nothing to forget. */
    @Override
    protected boolean holdsState() throws Exception {
        return consecutive.value() != null || alertOpen();
    }

    @Override
    boolean alertOpen() throws Exception {
        return alertSite.value() != null;
    }

    @Override
    void forget(String deviceId, long ts, Collector<RuleMatch> out) throws Exception {
        if (alertOpen()) {
            RuleMatch clear = base(deviceId, alertSite.value(), ts, ts);
            clear.clear = true;
            out.collect(clear);
        }
        consecutive.clear();
        run.clear();
        alertSite.clear();
    }

    private RuleMatch faultMatch(DeviceEvent event, int count, List<Evidence> evidence) {
        RuleMatch match = base(event.deviceId, event.site, evidence.get(0).ts, event.ts);
        match.level = AlertLevel.blue;
        match.evidence.addAll(evidence);
        match.message =
                settings.text(
                        "Sensor fault: %d readings in a row of %s %s at %s are outside its"
                                + " physical span (latest %s)",
                        "传感器故障：%4$s 的%2$s设备 %3$s 连续 %1$d 次读数超出量程（最新 %5$s）",
                        count,
                        event.reading.type.wireName(),
                        event.deviceId,
                        event.site.name,
                        event.reading.value);
        return match;
    }

    private static RuleMatch base(String deviceId, Site site, long startTs, long detectTs) {
        RuleMatch match =
                RuleMatch.at(SensorFaultRule.ID, Scenario.device, site, startTs, detectTs)
                        .perDevice(deviceId);
        match.selfClearing = true;
        return match;
    }
}
