package io.citywatch.jobs.events;

import io.citywatch.common.model.Reading;
import io.citywatch.common.model.SensorType;

/**
 * A reading enriched with its device's place in the registry, or a change of the registry for one
 * device. Registry changes travel on the same stream as readings so that rules keyed by device see
 * both in one order and under one watermark.
 */
public class DeviceEvent implements Traced {
    /** Registry changes carry no event time: they take effect at the current watermark. */
    public static final long NO_EVENT_TIME = Long.MIN_VALUE;

    public DeviceEventKind kind;
    public String deviceId;
    public SensorType type;
    public String zone;
    public Site site;

    /** Null unless kind is READING. */
    public Reading reading;

    public long ts = NO_EVENT_TIME;

    /** The original record, kept until the lateness check so a late one is dead-lettered whole. */
    public String raw;

    public long position;

    public DeviceEvent() {}

    public boolean isReading() {
        return kind == DeviceEventKind.READING;
    }

    /** A reading that hazard rules may use: not flagged as a sensor fault. */
    public boolean isValidReading() {
        return kind == DeviceEventKind.READING && !reading.fault;
    }

    @Override
    public String raw() {
        return raw;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public boolean hasEventTime() {
        return kind == DeviceEventKind.READING;
    }

    @Override
    public long eventTime() {
        return ts;
    }

    @Override
    public void dropRaw() {
        raw = null;
    }

    /** A copy without the risk point, for a rule that holds many readings and needs no Site. */
    public DeviceEvent withoutSite() {
        DeviceEvent copy = new DeviceEvent();
        copy.kind = kind;
        copy.deviceId = deviceId;
        copy.type = type;
        copy.zone = zone;
        copy.reading = reading;
        copy.ts = ts;
        copy.raw = raw;
        copy.position = position;
        return copy;
    }

    @Override
    public String toString() {
        return "DeviceEvent{"
                + kind
                + " "
                + deviceId
                + (reading == null ? "" : " " + reading)
                + "}";
    }
}
