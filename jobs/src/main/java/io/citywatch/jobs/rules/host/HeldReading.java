package io.citywatch.jobs.rules.host;

import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.Site;

/**
 * A reading waiting for the watermark in the host's buffer: only what the event-time units read of
 * it. Its risk point is the device's current one (null here) unless the registry changed it while
 * the reading waited.
 */
public class HeldReading {
    public long ts;
    public SensorType type;
    public double value;
    public boolean fault;
    public Site site;

    public HeldReading() {}

    HeldReading(long ts, SensorType type, double value, boolean fault) {
        this.ts = ts;
        this.type = type;
        this.value = value;
        this.fault = fault;
    }
}
