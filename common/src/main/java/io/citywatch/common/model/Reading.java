package io.citywatch.common.model;

import java.util.Objects;

/**
 * One validated sensor reading (docs/contract.md §2.1). A POJO so that Flink serializes it without
 * Kryo.
 */
public class Reading {
    public String deviceId;
    public SensorType type;
    public double value;

    /** Event time, epoch milliseconds. */
    public long ts;

    public String unit;
    public Long seq;

    /** Outside the type's physical span: excluded from hazard rules, counted as a sensor fault. */
    public boolean fault;

    public Reading() {}

    public Reading(String deviceId, SensorType type, double value, long ts) {
        this.deviceId = deviceId;
        this.type = type;
        this.value = value;
        this.ts = ts;
        this.fault = !type.withinPhysicalSpan(value);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Reading)) {
            return false;
        }
        Reading other = (Reading) o;
        return Double.compare(value, other.value) == 0
                && ts == other.ts
                && fault == other.fault
                && Objects.equals(deviceId, other.deviceId)
                && type == other.type
                && Objects.equals(unit, other.unit)
                && Objects.equals(seq, other.seq);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, type, value, ts);
    }

    @Override
    public String toString() {
        return "Reading{"
                + deviceId
                + " "
                + type
                + "="
                + value
                + " @"
                + ts
                + (fault ? " fault" : "")
                + "}";
    }
}
