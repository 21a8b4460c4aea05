package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A subtask's readings per device and minute, for the device_1m window (see {@link OpenMinutes}):
 * all of a device's readings are on one subtask, so its window takes one partial a minute.
 */
public class DeviceMinutes extends OpenMinutes<ReadingSample, DeviceMinute, DeviceMinute> {
    private static final ListStateDescriptor<DeviceMinute> OPEN_MINUTES =
            new ListStateDescriptor<>(
                    "device-readings-of-open-minutes", TypeInformation.of(DeviceMinute.class));

    @Override
    ListStateDescriptor<DeviceMinute> stateDescriptor() {
        return OPEN_MINUTES;
    }

    @Override
    String key(ReadingSample reading) {
        return reading.deviceId;
    }

    @Override
    DeviceMinute newMinute(String deviceId, long minute) {
        return DeviceMinute.of(deviceId, minute);
    }

    @Override
    void add(DeviceMinute partial, ReadingSample reading) {
        partial.readings.add(reading);
    }

    @Override
    void merge(DeviceMinute held, DeviceMinute more) {
        held.readings.merge(more.readings);
    }

    @Override
    String keyOf(DeviceMinute partial) {
        return partial.deviceId;
    }

    @Override
    long minuteOf(DeviceMinute partial) {
        return partial.minute;
    }

    @Override
    DeviceMinute alone(ReadingSample reading) {
        DeviceMinute partial = DeviceMinute.of(reading.deviceId, Minutes.start(reading.ts));
        partial.readings.add(reading);
        return partial;
    }

    @Override
    DeviceMinute out(DeviceMinute partial) {
        return partial;
    }
}
