package io.citywatch.jobs.aggregates;

/** One subtask's readings of one device in one minute ({@link DeviceMinutes}). */
public class DeviceMinute {
    public String deviceId;

    /** Start of the minute (epoch ms). */
    public long minute;

    public DeviceWindows.Accumulator readings;

    public DeviceMinute() {}

    static DeviceMinute of(String deviceId, long minute) {
        DeviceMinute partial = new DeviceMinute();
        partial.deviceId = deviceId;
        partial.minute = minute;
        partial.readings = new DeviceWindows.Accumulator();
        return partial;
    }
}
