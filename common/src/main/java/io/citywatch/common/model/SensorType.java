package io.citywatch.common.model;

import java.util.HashMap;
import java.util.Map;

/** The sensor types of docs/contract.md §2.1 with their unit and physical span. */
public enum SensorType {
    SMOKE("smoke", "%/m", 0, 100, false),
    TEMPERATURE("temperature", "°C", -50, 1200, false),
    WATER_PRESSURE("water_pressure", "MPa", 0, 10, false),
    PUMP_RUNNING("pump_running", "state", 0, 1, true),
    MANUAL_CALL("manual_call", "state", 0, 1, true),
    DISPLACEMENT("displacement", "mm", -10000, 10000, false),
    CRACK_WIDTH("crack_width", "mm", 0, 2000, false),
    TILT("tilt", "deg", -90, 90, false),
    RAINFALL("rainfall", "mm", 0, 500, false),
    WATER_LEVEL("water_level", "m", -100, 9000, false),
    WATER_DEPTH("water_depth", "cm", 0, 1000, false),
    METHANE("methane", "%LEL", 0, 100, false),
    STRAIN("strain", "µε", -20000, 20000, false),
    DEFLECTION("deflection", "mm", -2000, 2000, false),
    VIBRATION("vibration", "mm/s", 0, 1000, false),
    BATTERY("battery", "%", 0, 100, false),
    HEARTBEAT("heartbeat", "state", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);

    private static final Map<String, SensorType> BY_WIRE_NAME = new HashMap<>();

    static {
        for (SensorType type : values()) {
            BY_WIRE_NAME.put(type.wireName, type);
        }
    }

    private final String wireName;
    private final String unit;
    private final double min;
    private final double max;
    private final boolean binaryState;

    SensorType(String wireName, String unit, double min, double max, boolean binaryState) {
        this.wireName = wireName;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.binaryState = binaryState;
    }

    /** The type named on the wire, or null when the name is not one of ours. */
    public static SensorType fromWireName(String name) {
        return BY_WIRE_NAME.get(name);
    }

    public String wireName() {
        return wireName;
    }

    public String unit() {
        return unit;
    }

    /** True for 0/1 states, where any other value is malformed rather than a sensor fault. */
    public boolean isBinaryState() {
        return binaryState;
    }

    public boolean withinPhysicalSpan(double value) {
        return value >= min && value <= max;
    }
}
