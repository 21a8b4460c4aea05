package io.citywatch.jobs.aggregates;

/** One subtask's readings of one device in one minute ({@link DeviceMinutes}). */
public class DeviceMinute {
    public String deviceId;

    /** Start of the minute (epoch ms). */
    public long minute;

    public DeviceWindows.Accumulator readings = new DeviceWindows.Accumulator();

    public DeviceMinute() {}
}
