package io.citywatch.common.registry;

import io.citywatch.common.geo.Distance;
import io.citywatch.common.model.DeviceSpec;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Risk points and the index from device to risk point. Updates replace a whole risk point, so a
 * device dropped from a risk point's list is no longer known.
 */
public final class Registry implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, RiskPoint> riskPoints = new HashMap<>();
    private final Map<String, String> riskPointByDevice = new HashMap<>();

    /** Every registered device by id: a reading finds its device without scanning its list. */
    private final Map<String, DeviceSpec> devices = new HashMap<>();

    public void apply(RegistryUpdate update) {
        RiskPoint previous = riskPoints.remove(update.riskPointId);
        if (previous != null) {
            for (DeviceSpec device : previous.devices) {
                if (riskPointByDevice.remove(device.deviceId, previous.riskPointId)) {
                    devices.remove(device.deviceId);
                }
            }
        }
        if (!update.isDeletion()) {
            RiskPoint point = update.riskPoint;
            riskPoints.put(point.riskPointId, point);
            for (DeviceSpec device : point.devices) {
                // a device belongs to one risk point: the latest record that lists it wins
                String formerOwner = riskPointByDevice.put(device.deviceId, point.riskPointId);
                devices.put(device.deviceId, device);
                if (formerOwner != null && !formerOwner.equals(point.riskPointId)) {
                    RiskPoint former = riskPoints.get(formerOwner);
                    if (former != null) {
                        former.devices.removeIf(d -> d.deviceId.equals(device.deviceId));
                    }
                }
            }
        }
    }

    public RiskPoint riskPoint(String riskPointId) {
        return riskPoints.get(riskPointId);
    }

    /** The risk point that owns a device, or null for an unregistered device. */
    public RiskPoint riskPointOfDevice(String deviceId) {
        String id = riskPointByDevice.get(deviceId);
        return id == null ? null : riskPoints.get(id);
    }

    /** A registered device, or null. */
    public DeviceSpec device(String deviceId) {
        return devices.get(deviceId);
    }

    /** The nearest risk point within {@code radiusMeters}, or null. */
    public RiskPoint nearest(double lat, double lon, double radiusMeters) {
        RiskPoint best = null;
        double bestDistance = Double.MAX_VALUE;
        for (RiskPoint point : riskPoints.values()) {
            double distance = Distance.meters(lat, lon, point.lat, point.lon);
            if (distance <= radiusMeters
                    && (distance < bestDistance
                            || (distance == bestDistance
                                    && point.riskPointId.compareTo(best.riskPointId) < 0))) {
                best = point;
                bestDistance = distance;
            }
        }
        return best;
    }

    public Collection<RiskPoint> riskPoints() {
        return Collections.unmodifiableCollection(riskPoints.values());
    }

    public int size() {
        return riskPoints.size();
    }
}
