package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.series.RainSum;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;

/** One input of geo.rain_then_movement: heavy hourly rain, or a steep tangent angle, at a slope. */
public class SlopeSignal {
    /** The device rule host's side output the slopes' rain and displacement units send on. */
    public static final OutputTag<SlopeSignal> TAG =
            new OutputTag<>("geo.slope-signals", TypeInformation.of(SlopeSignal.class));

    /** True for rain (value = 1 h sum, mm), false for movement (value = tangent angle, °). */
    public boolean rain;

    public String deviceId;
    public Site site;
    public long ts;
    public double value;
    public List<Evidence> evidence = new ArrayList<>();

    public SlopeSignal() {}

    /** A window-end tick: neither rain nor movement. */
    public boolean isTick() {
        return deviceId == null;
    }

    /** The signal a window-end tick carries: no device, so neither rain nor movement. */
    static SlopeSignal tick(String riskPointId, long ts) {
        SlopeSignal tick = new SlopeSignal();
        tick.site = new Site();
        tick.site.riskPointId = riskPointId;
        tick.ts = ts;
        return tick;
    }

    static SlopeSignal of(RainSum sum) {
        SlopeSignal signal = new SlopeSignal();
        signal.rain = true;
        signal.deviceId = sum.deviceId;
        signal.site = sum.site;
        signal.ts = sum.ts;
        signal.value = sum.sum1h;
        signal.evidence.add(sum.reading);
        return signal;
    }

    /** A steep tangent angle (°) at {@code event}, with the readings of its regression. */
    static SlopeSignal movement(DeviceEvent event, double angle, List<Evidence> readings) {
        SlopeSignal signal = new SlopeSignal();
        signal.deviceId = event.deviceId;
        signal.site = event.site;
        signal.ts = event.ts;
        signal.value = angle;
        signal.evidence.addAll(readings);
        return signal;
    }
}
