package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.Site;

import java.util.List;

/** device.sensor_fault's run of consecutive faults of one device. */
public class SensorFaultState extends OrderedState {
    public Integer consecutive;

    /** The first fault of the run and the latest ones. */
    public List<Evidence> run;

    /** The risk point of the open alert; null while none is open. */
    public Site alertSite;

    public SensorFaultState() {}
}
