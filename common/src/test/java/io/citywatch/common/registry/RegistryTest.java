package io.citywatch.common.registry;

import io.citywatch.common.model.DeviceSpec;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryTest {
    /** Metres per degree of latitude on the mean sphere (π·6 371 008.8 / 180). */
    private static final double M_PER_DEG_LAT = 111_195.080_233_5;

    private static final double LAT = 29.5576;
    private static final double LON = 106.5772;

    private final Registry registry = new Registry();

    private static RiskPoint point(String id, double lat, double lon, String... deviceIds) {
        RiskPoint point = new RiskPoint();
        point.riskPointId = id;
        point.kind = RiskPointKind.high_rise;
        point.name = id;
        point.district = "Yuzhong";
        point.grid = "g";
        point.lat = lat;
        point.lon = lon;
        for (String deviceId : deviceIds) {
            point.devices.add(new DeviceSpec(deviceId, SensorType.SMOKE, null));
        }
        return point;
    }

    private static RiskPoint point(String id, String... deviceIds) {
        return point(id, LAT, LON, deviceIds);
    }

    /** A latitude {@code meters} north of LAT. */
    private static double north(double meters) {
        return LAT + meters / M_PER_DEG_LAT;
    }

    private void upsert(RiskPoint point) {
        registry.apply(RegistryUpdate.upsert(point));
    }

    private void delete(String id) {
        registry.apply(RegistryUpdate.delete(id));
    }

    /** The owner of a device; also checks that the device index agrees with the owner's list. */
    private String ownerOf(String deviceId) {
        RiskPoint owner = registry.riskPointOfDevice(deviceId);
        if (owner == null) {
            assertThat(registry.device(deviceId)).as("indexed device %s", deviceId).isNull();
            return null;
        }
        assertThat(registry.device(deviceId))
                .as("indexed device %s", deviceId)
                .isNotNull()
                .isSameAs(owner.device(deviceId));
        return owner.riskPointId;
    }

    @Test
    void emptyRegistryKnowsNothing() {
        assertThat(registry.size()).isZero();
        assertThat(registry.riskPoint("rp-a")).isNull();
        assertThat(registry.riskPointOfDevice("d1")).isNull();
        assertThat(registry.nearest(LAT, LON, 300)).isNull();
    }

    @Test
    void upsertRegistersTheRiskPointAndItsDevices() {
        RiskPoint a = point("rp-a", "d1", "d2");

        upsert(a);

        assertThat(registry.size()).isEqualTo(1);
        assertThat(registry.riskPoint("rp-a")).isSameAs(a);
        assertThat(ownerOf("d1")).isEqualTo("rp-a");
        assertThat(ownerOf("d2")).isEqualTo("rp-a");
        assertThat(ownerOf("d3")).isNull();
        assertThat(registry.riskPoints()).containsExactly(a);
    }

    @Test
    void aRecordReplacesTheWholeRiskPointAndDropsRemovedDevices() {
        upsert(point("rp-a", "d1", "d2"));
        RiskPoint replacement = point("rp-a", "d2", "d3");
        replacement.district = "Jiangbei";

        upsert(replacement);

        assertThat(registry.size()).isEqualTo(1);
        assertThat(registry.riskPoint("rp-a").district).isEqualTo("Jiangbei");
        assertThat(ownerOf("d1")).isNull();
        assertThat(ownerOf("d2")).isEqualTo("rp-a");
        assertThat(ownerOf("d3")).isEqualTo("rp-a");
        assertThat(registry.riskPoint("rp-a").devices)
                .extracting(d -> d.deviceId)
                .containsExactly("d2", "d3");
    }

    @Test
    void deletionRemovesTheRiskPointAndItsDevices() {
        upsert(point("rp-a", "d1"));
        upsert(point("rp-b", "d2"));

        delete("rp-a");

        assertThat(registry.size()).isEqualTo(1);
        assertThat(registry.riskPoint("rp-a")).isNull();
        assertThat(ownerOf("d1")).isNull();
        assertThat(ownerOf("d2")).isEqualTo("rp-b");
    }

    @Test
    void deletingAnUnknownRiskPointChangesNothing() {
        upsert(point("rp-a", "d1"));

        delete("rp-zzz");

        assertThat(registry.size()).isEqualTo(1);
        assertThat(ownerOf("d1")).isEqualTo("rp-a");
    }

    @Test
    void aDeletedRiskPointCanBeRecreated() {
        upsert(point("rp-a", "d1"));
        delete("rp-a");

        upsert(point("rp-a", "d9"));

        assertThat(ownerOf("d1")).isNull();
        assertThat(ownerOf("d9")).isEqualTo("rp-a");
    }

    @Test
    void aDeviceMovedToAnotherRiskPointBelongsOnlyToTheNewOne() {
        upsert(point("rp-a", "d1", "d2"));
        upsert(point("rp-b", "d3"));

        upsert(point("rp-b", "d3", "d1"));

        assertThat(ownerOf("d1")).isEqualTo("rp-b");
        assertThat(ownerOf("d2")).isEqualTo("rp-a");
        assertThat(registry.riskPoint("rp-a").device("d1")).isNull();
        assertThat(registry.riskPoint("rp-a").devices)
                .extracting(d -> d.deviceId)
                .containsExactly("d2");
        assertThat(registry.riskPoint("rp-b").device("d1")).isNotNull();
    }

    @Test
    void replacingOrDeletingTheFormerOwnerDoesNotUnregisterAMovedDevice() {
        upsert(point("rp-a", "d1", "d2"));
        upsert(point("rp-b", "d1"));

        upsert(point("rp-a", "d2"));
        assertThat(ownerOf("d1")).isEqualTo("rp-b");

        delete("rp-a");
        assertThat(ownerOf("d1")).isEqualTo("rp-b");
        assertThat(ownerOf("d2")).isNull();
    }

    @Test
    void aDeviceCanMoveBack() {
        upsert(point("rp-a", "d1"));
        upsert(point("rp-b", "d1"));

        upsert(point("rp-a", "d1"));

        assertThat(ownerOf("d1")).isEqualTo("rp-a");
        assertThat(registry.riskPoint("rp-b").devices).isEmpty();
    }

    @Test
    void deletingTheNewOwnerOfAMovedDeviceUnregistersIt() {
        upsert(point("rp-a", "d1"));
        upsert(point("rp-b", "d1"));

        delete("rp-b");

        assertThat(ownerOf("d1")).isNull();
    }

    @Test
    void nearestPicksTheClosestRiskPointWithinTheRadius() {
        upsert(point("rp-far", north(200), LON));
        upsert(point("rp-near", north(100), LON));
        upsert(point("rp-out", north(-400), LON));

        assertThat(registry.nearest(LAT, LON, 300).riskPointId).isEqualTo("rp-near");
        assertThat(registry.nearest(north(180), LON, 300).riskPointId).isEqualTo("rp-far");
        assertThat(registry.nearest(north(-350), LON, 300).riskPointId).isEqualTo("rp-out");
    }

    @Test
    void nearestIsNullWhenNothingIsInRange() {
        upsert(point("rp-a", north(400), LON));
        upsert(point("rp-b", north(-1000), LON));

        assertThat(registry.nearest(LAT, LON, 300)).isNull();
        assertThat(registry.nearest(LAT, LON, 399)).isNull();
        assertThat(registry.nearest(LAT, LON, 401).riskPointId).isEqualTo("rp-a");
    }

    @Test
    void nearestAtTheRadiusBoundary() {
        upsert(point("rp-a", north(299.9), LON));

        assertThat(registry.nearest(LAT, LON, 300)).isNotNull();
        assertThat(registry.nearest(LAT, LON, 299.8)).isNull();
    }

    @Test
    void nearestAtZeroDistanceAndZeroRadius() {
        upsert(point("rp-a", LAT, LON));

        assertThat(registry.nearest(LAT, LON, 0).riskPointId).isEqualTo("rp-a");
    }

    @Test
    void nearestBreaksTiesByRiskPointIdWhateverTheInsertionOrder() {
        upsert(point("rp-c", north(50), LON));
        upsert(point("rp-b", north(50), LON));
        upsert(point("rp-d", north(50), LON));

        assertThat(registry.nearest(LAT, LON, 300).riskPointId).isEqualTo("rp-b");

        Registry other = new Registry();
        other.apply(RegistryUpdate.upsert(point("rp-b", north(50), LON)));
        other.apply(RegistryUpdate.upsert(point("rp-d", north(50), LON)));
        other.apply(RegistryUpdate.upsert(point("rp-c", north(50), LON)));
        assertThat(other.nearest(LAT, LON, 300).riskPointId).isEqualTo("rp-b");
    }

    @Test
    void nearestIgnoresDeletedRiskPointsAndUsesMovedCoordinates() {
        upsert(point("rp-a", north(10), LON));
        upsert(point("rp-b", north(250), LON));
        delete("rp-a");
        assertThat(registry.nearest(LAT, LON, 300).riskPointId).isEqualTo("rp-b");

        upsert(point("rp-b", north(5000), LON));
        assertThat(registry.nearest(LAT, LON, 300)).isNull();
    }

    @Test
    void riskPointsViewIsReadOnly() {
        upsert(point("rp-a", "d1"));

        assertThatThrownBy(() -> registry.riskPoints().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(registry.size()).isEqualTo(1);
    }
}
