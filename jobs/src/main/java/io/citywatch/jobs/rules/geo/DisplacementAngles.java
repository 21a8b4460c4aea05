package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleWiring;
import io.citywatch.jobs.rules.series.EventTimeOrdered;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * The improved tangent angle of each slope displacement device, per reading: the velocity is the
 * slope of the least-squares line through the device's last {@link #REGRESSION_READINGS} readings
 * (mm/h), and α = atan(v / {@code steadyVelocity}) in degrees. Shared by geo.displacement and
 * geo.rain_then_movement.
 */
public class DisplacementAngles extends EventTimeOrdered<DisplacementAngle> {
    public static final int REGRESSION_READINGS = 3;

    /** A device silent this long (or three reporting periods, if longer) starts afresh. */
    static final long MIN_QUIET_MILLIS = 24 * 3600 * 1000L;

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private transient ValueState<List<Evidence>> recent;

    /** The shared angle stream, built once for both rules that need it. */
    public static DataStream<DisplacementAngle> of(RuleInputs inputs) {
        return inputs.shared("geo.displacement-angles", () -> wire(inputs.wiring("geo")));
    }

    private static DataStream<DisplacementAngle> wire(RuleWiring geo) {
        return geo.readings(
                        DisplacementAngles::isInput, "angles.filter", "slope displacement readings")
                .process(new DisplacementAngles(), "angles", "tangent angles");
    }

    static boolean isInput(DeviceEvent event) {
        return event.isValidReading()
                && event.reading.type == SensorType.DISPLACEMENT
                && event.site.kind == RiskPointKind.slope;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        recent =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "recent-displacements",
                                        Types.LIST(TypeInformation.of(Evidence.class))));
    }

    @Override
    protected void step(DeviceEvent event, OnTimerContext ctx, Collector<DisplacementAngle> out)
            throws Exception {
        List<Evidence> readings = recent.value();
        if (readings == null) {
            readings = new ArrayList<>();
        }
        Evidence reading = Evidence.of(event.reading);
        // the same instant twice is a re-sent reading: a zero time step would break the regression
        if (!readings.isEmpty() && readings.get(readings.size() - 1).ts == reading.ts) {
            readings.remove(readings.size() - 1);
        }
        readings.add(reading);
        while (readings.size() > REGRESSION_READINGS) {
            readings.remove(0);
        }
        recent.update(readings);
        if (readings.size() == REGRESSION_READINGS) {
            out.collect(angleOf(event, readings));
        }
    }

    private static DisplacementAngle angleOf(DeviceEvent event, List<Evidence> readings) {
        DisplacementAngle angle = new DisplacementAngle();
        angle.deviceId = event.deviceId;
        angle.site = event.site;
        angle.ts = event.ts;
        angle.velocity = velocityMmPerHour(readings);
        angle.angle = tangentAngle(angle.velocity, steadyVelocity(event.site));
        angle.readings = new ArrayList<>(readings);
        return angle;
    }

    static double steadyVelocity(Site site) {
        return GeoParams.STEADY_VELOCITY.of(site);
    }

    /** Degrees; a device moving backwards has a negative angle and never reaches a band. */
    static double tangentAngle(double velocity, double steadyVelocity) {
        return Math.toDegrees(Math.atan(velocity / steadyVelocity));
    }

    /** Slope of the least-squares line of value over time, in mm per hour. */
    static double velocityMmPerHour(List<Evidence> readings) {
        long origin = readings.get(0).ts;
        double meanT = 0;
        double meanY = 0;
        for (Evidence reading : readings) {
            meanT += (reading.ts - origin) / MILLIS_PER_HOUR;
            meanY += reading.value;
        }
        meanT /= readings.size();
        meanY /= readings.size();
        double covariance = 0;
        double variance = 0;
        for (Evidence reading : readings) {
            double dt = (reading.ts - origin) / MILLIS_PER_HOUR - meanT;
            covariance += dt * (reading.value - meanY);
            variance += dt * dt;
        }
        return covariance / variance;
    }

    @Override
    protected long quietMillis(DeviceEvent latest) {
        return Math.max(MIN_QUIET_MILLIS, 3L * latest.site.reportingPeriodSec * 1000);
    }

    @Override
    protected void onQuiet(long timestamp, OnTimerContext ctx, Collector<DisplacementAngle> out) {
        recent.clear();
    }
}
