package io.citywatch.common.model;

/** A device as the registry declares it. */
public class DeviceSpec implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String deviceId;
    public SensorType type;

    /** Optional grouping, e.g. a floor; null when absent. */
    public String zone;

    public DeviceSpec() {}

    public DeviceSpec(String deviceId, SensorType type, String zone) {
        this.deviceId = deviceId;
        this.type = type;
        this.zone = zone;
    }
}
