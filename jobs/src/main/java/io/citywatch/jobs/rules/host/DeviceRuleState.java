package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.device.OfflineState;
import io.citywatch.jobs.rules.device.SensorFaultState;
import io.citywatch.jobs.rules.device.StuckState;
import io.citywatch.jobs.rules.flood.WaterLevelState;
import io.citywatch.jobs.rules.series.RiseState;

import java.util.List;

/**
 * Everything the hosted rules keep for one device, in one state entry: read once and written once
 * per event. A POJO, so Flink serializes it without Kryo and evolves it when a unit's field is
 * added (a new hosted rule starts with nothing in the old entries).
 */
public class DeviceRuleState {
    /** The device's one registered event-time timer: the earliest due time, or earlier. */
    public Long timer;

    /** Kept while a unit that reacts as events arrive holds state, or readings are held. */
    public Site site;

    /** Readings waiting for the watermark, in event-time order; null when none. */
    public List<HeldReading> held;

    public OfflineState offline;
    public SensorFaultState sensorFault;
    public StuckState stuck;

    public WaterLevelState waterLevel;

    /** flood.rapid_rise and geo.crack_jump: one rule each, a water level feeds two rules. */
    public RiseState rapidRise;

    public RiseState crackJump;

    public DeviceRuleState() {}
}
