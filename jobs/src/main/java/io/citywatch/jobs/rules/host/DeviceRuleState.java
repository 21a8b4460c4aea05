package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.rules.device.OfflineState;
import io.citywatch.jobs.rules.device.SensorFaultState;
import io.citywatch.jobs.rules.device.StuckState;
import io.citywatch.jobs.rules.fire.DetectorState;
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
    // The host's fields (static: not part of the state).
    static final Slot<DeviceRuleState, Long> TIMER =
            new Slot<>(d -> d.timer, (d, timer) -> d.timer = timer);
    static final Slot<DeviceRuleState, List<HeldReading>> HELD =
            new Slot<>(d -> d.held, (d, held) -> d.held = held);

    // Each unit's field, for the unit to read and write.
    public static final UnitSlot<OfflineState> OFFLINE =
            new UnitSlot<>(d -> d.offline, (d, s) -> d.offline = s);
    public static final UnitSlot<DetectorState> DETECTOR_ALARM =
            new UnitSlot<>(d -> d.detectorAlarm, (d, s) -> d.detectorAlarm = s);
    public static final UnitSlot<SensorFaultState> SENSOR_FAULT =
            new UnitSlot<>(d -> d.sensorFault, (d, s) -> d.sensorFault = s);
    public static final UnitSlot<StuckState> STUCK =
            new UnitSlot<>(d -> d.stuck, (d, s) -> d.stuck = s);
    public static final UnitSlot<Streak> WATER_SUPPLY_LOW =
            new UnitSlot<>(d -> d.waterSupplyLow, (d, s) -> d.waterSupplyLow = s);
    public static final UnitSlot<Streak> GAS_CONCENTRATION =
            new UnitSlot<>(d -> d.gasConcentration, (d, s) -> d.gasConcentration = s);
    public static final UnitSlot<Streak> BRIDGE_STRUCTURE =
            new UnitSlot<>(d -> d.bridgeStructure, (d, s) -> d.bridgeStructure = s);
    public static final UnitSlot<WaterLevelState> WATER_LEVEL =
            new UnitSlot<>(d -> d.waterLevel, (d, s) -> d.waterLevel = s);
    public static final UnitSlot<RiseState> RAPID_RISE =
            new UnitSlot<>(d -> d.rapidRise, (d, s) -> d.rapidRise = s);
    public static final UnitSlot<RainState> RAINFALL =
            new UnitSlot<>(d -> d.rainfall, (d, s) -> d.rainfall = s);
    public static final UnitSlot<RainState> RAINSTORM =
            new UnitSlot<>(d -> d.rainstorm, (d, s) -> d.rainstorm = s);
    public static final UnitSlot<DisplacementState> DISPLACEMENT =
            new UnitSlot<>(d -> d.displacement, (d, s) -> d.displacement = s);
    public static final UnitSlot<RiseState> CRACK_JUMP =
            new UnitSlot<>(d -> d.crackJump, (d, s) -> d.crackJump = s);

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

    /** fire.detector_alarm: a heat detector's recent temperatures, nothing for other detectors. */
    public DetectorState detectorAlarm;

    /** geo.rainfall (slope gauges) and flood.rainstorm (flood-site gauges): a gauge has one. */
    public RainState rainfall;

    public RainState rainstorm;

    public DisplacementState displacement;

    public DeviceRuleState() {}
}
