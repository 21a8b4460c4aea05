package io.citywatch.jobs.aggregates;

/**
 * A subtask's readings per device and minute, for the device_1m window (see {@link OpenMinutes}):
 * all of a device's readings are on one subtask, so its window takes one partial a minute.
 */
public class DeviceMinutes
        extends ReadingMinutes<DeviceMinute, DeviceWindows.Accumulator, DeviceMinute> {
    public DeviceMinutes() {
        super(
                "device-readings-of-open-minutes",
                DeviceMinute.class,
                reading -> reading.deviceId,
                DeviceMinutes::emptyMinute,
                partial -> partial.deviceId,
                partial -> partial.minute,
                partial -> partial.readings);
    }

    @Override
    DeviceMinute alone(ReadingSample reading) {
        DeviceMinute partial = emptyMinute(reading.deviceId, Minutes.start(reading.ts));
        partial.readings.add(reading);
        return partial;
    }

    @Override
    DeviceMinute out(DeviceMinute partial) {
        return partial;
    }

    private static DeviceMinute emptyMinute(String deviceId, long minute) {
        DeviceMinute partial = new DeviceMinute();
        partial.deviceId = deviceId;
        partial.minute = minute;
        return partial;
    }
}
