package io.citywatch.jobs.aggregates;

import io.citywatch.jobs.events.DeviceEvent;

/** What the aggregates keep of one reading: small enough for window state. */
public class ReadingSample {
    public String deviceId;
    public String type;
    public double value;
    public long ts;
    public boolean fault;
    public String riskPointId;
    public String kind;
    public String district;
    public double lat;
    public double lon;
    public int devicesTotal;

    public ReadingSample() {}

    public static ReadingSample of(DeviceEvent event) {
        ReadingSample sample = new ReadingSample();
        sample.deviceId = event.deviceId;
        sample.type = event.reading.type.wireName();
        sample.value = event.reading.value;
        sample.ts = event.reading.ts;
        sample.fault = event.reading.fault;
        if (event.site != null) {
            sample.riskPointId = event.site.riskPointId;
            sample.kind = event.site.kind == null ? null : event.site.kind.name();
            sample.district = event.site.district;
            sample.lat = event.site.lat;
            sample.lon = event.site.lon;
            sample.devicesTotal = event.site.deviceCount;
        }
        return sample;
    }
}
