package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.rules.device.OfflineState;
import io.citywatch.jobs.rules.device.SensorFaultState;
import io.citywatch.jobs.rules.device.StuckState;
import io.citywatch.jobs.rules.flood.WaterLevelState;
import io.citywatch.jobs.rules.geo.DisplacementState;
import io.citywatch.jobs.rules.series.RainState;
import io.citywatch.jobs.rules.series.RiseState;
import io.citywatch.jobs.rules.streak.Streak;

import java.util.List;

/**
 * Everything the hosted rules keep for one device, in one state entry: read once and written once
 * per event. A POJO, so Flink serializes it without Kryo and evolves it when a unit's field is
 * added (a new hosted rule starts with nothing in the old entries).
 */
public class DeviceRuleState {
    /** The device's one registered event-time timer: the earliest due time, or earlier. */
    public Long timer;

    /**
     * The device's risk point as of its latest event; its description is the host's, kept once per
     * risk point.
     */
    public String riskPointId;

    /** Readings waiting for the watermark, in event-time order; null when none. */
    public List<HeldReading> held;

    public OfflineState offline;
    public SensorFaultState sensorFault;
    public StuckState stuck;

    /** Each streak rule counts on its own, even where they read the same readings. */
    public Streak waterSupplyLow;

    public Streak gasConcentration;
    public Streak bridgeStructure;

    public WaterLevelState waterLevel;

    /** flood.rapid_rise and geo.crack_jump: one rule each, a water level feeds two rules. */
    public RiseState rapidRise;

    public RiseState crackJump;

    /** geo.rainfall (slope gauges) and flood.rainstorm (flood-site gauges): a gauge has one. */
    public RainState rainfall;

    public RainState rainstorm;

    public DisplacementState displacement;

    public DeviceRuleState() {}
}
