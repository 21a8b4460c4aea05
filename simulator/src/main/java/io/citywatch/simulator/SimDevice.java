package io.citywatch.simulator;

import io.citywatch.common.model.SensorType;

/** One simulated device: what it measures, where, how often, and its quiet-time behaviour. */
public final class SimDevice {
    public final String deviceId;
    public final SensorType type;
    public final String zone;
    public final SimSite site;

    /** First reading at {@code start + phaseMs}, then one every {@code site.periodMs()}. */
    public final long phaseMs;

    /** The quiet value around which the device reads. */
    public final double base;

    /** Half the spread of quiet readings; see {@link Baseline}. */
    public final double amplitude;

    final long seed;

    SimDevice(
            String deviceId,
            SensorType type,
            String zone,
            SimSite site,
            long phaseMs,
            double base,
            double amplitude,
            long seed) {
        this.deviceId = deviceId;
        this.type = type;
        this.zone = zone;
        this.site = site;
        this.phaseMs = phaseMs;
        this.base = base;
        this.amplitude = amplitude;
        this.seed = seed;
    }

    public long periodMs() {
        return site.periodMs();
    }

    @Override
    public String toString() {
        return deviceId;
    }
}
