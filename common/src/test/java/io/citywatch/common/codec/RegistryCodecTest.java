package io.citywatch.common.codec;

import io.citywatch.common.model.DeviceSpec;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RegistryCodecTest {
    private static final String SPEC_EXAMPLE =
            "{\"riskPointId\":\"rp-yz-b001\",\"kind\":\"high_rise\",\"name\":\"Jiefangbei Tower A\","
                    + "\"district\":\"Yuzhong\",\"grid\":\"yz-jfb-03\",\"lat\":29.5576,\"lon\":106.5772,"
                    + "\"reportingPeriodSec\":60,"
                    + "\"devices\":[{\"deviceId\":\"cq-yz-b001-smk-23\",\"type\":\"smoke\",\"zone\":\"F23\"},"
                    + "{\"deviceId\":\"cq-yz-b001-tmp-23\",\"type\":\"temperature\",\"zone\":\"F23\"}],"
                    + "\"thresholds\":{\"fire.smokeAlarm\":3.0}}";

    /** A minimal risk point with the given extra members (raw JSON, each followed by a comma). */
    private static String point(String members) {
        return "{\"riskPointId\":\"rp-1\",\"kind\":\"slope\",\"lat\":29.5,\"lon\":106.5,"
                + members
                + "\"devices\":[{\"deviceId\":\"d1\",\"type\":\"displacement\"}]}";
    }

    /** A minimal risk point whose devices array is the given raw JSON. */
    private static String withDevices(String devices) {
        return "{\"riskPointId\":\"rp-1\",\"kind\":\"slope\",\"lat\":29.5,\"lon\":106.5,"
                + "\"devices\":"
                + devices
                + "}";
    }

    @Test
    void decodesTheSpecExample() {
        RegistryUpdate update = RegistryCodec.decode(SPEC_EXAMPLE).value();

        assertThat(update.isDeletion()).isFalse();
        assertThat(update.riskPointId).isEqualTo("rp-yz-b001");
        RiskPoint point = update.riskPoint;
        assertThat(point.riskPointId).isEqualTo("rp-yz-b001");
        assertThat(point.kind).isEqualTo(RiskPointKind.high_rise);
        assertThat(point.name).isEqualTo("Jiefangbei Tower A");
        assertThat(point.district).isEqualTo("Yuzhong");
        assertThat(point.grid).isEqualTo("yz-jfb-03");
        assertThat(point.lat).isEqualTo(29.5576);
        assertThat(point.lon).isEqualTo(106.5772);
        assertThat(point.reportingPeriodSec).isEqualTo(60);
        assertThat(point.devices)
                .extracting(d -> d.deviceId, d -> d.type, d -> d.zone)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "cq-yz-b001-smk-23", SensorType.SMOKE, "F23"),
                        org.assertj.core.groups.Tuple.tuple(
                                "cq-yz-b001-tmp-23", SensorType.TEMPERATURE, "F23"));
        assertThat(point.thresholds).containsExactly(entry("fire.smokeAlarm", 3.0));
        assertThat(point.threshold("fire.smokeAlarm", 9.9)).isEqualTo(3.0);
        assertThat(point.threshold("fire.heatAlarm", 60.0)).isEqualTo(60.0);
    }

    @Test
    void reportingPeriodDefaultsTo60AndOptionalTextHasDefaults() {
        RiskPoint point = RegistryCodec.decode(point("")).value().riskPoint;

        assertThat(point.reportingPeriodSec).isEqualTo(60);
        assertThat(point.name).isEqualTo("rp-1");
        assertThat(point.district).isNotNull();
        assertThat(point.grid).isNotNull();
        assertThat(point.thresholds).isEmpty();
        assertThat(point.devices).singleElement().satisfies(d -> assertThat(d.zone).isNull());
        assertThat(
                        RegistryCodec.decode(point("\"reportingPeriodSec\":null,"))
                                .value()
                                .riskPoint
                                .reportingPeriodSec)
                .isEqualTo(60);
    }

    @Test
    void readsAnExplicitReportingPeriod() {
        assertThat(
                        RegistryCodec.decode(point("\"reportingPeriodSec\":300,"))
                                .value()
                                .riskPoint
                                .reportingPeriodSec)
                .isEqualTo(300);
        assertThat(
                        RegistryCodec.decode(point("\"reportingPeriodSec\":1,"))
                                .value()
                                .riskPoint
                                .reportingPeriodSec)
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"high_rise", "slope", "river_station", "underpass", "gas_network", "bridge"})
    void acceptsEveryKindOfTheSpec(String kind) {
        String raw = point("").replace("\"slope\"", "\"" + kind + "\"");

        assertThat(RegistryCodec.decode(raw).value().riskPoint.kind).hasToString(kind);
    }

    @Test
    void decodesADeletionRecord() {
        RegistryUpdate update =
                RegistryCodec.decode("{\"riskPointId\":\"x\",\"deleted\":true}").value();

        assertThat(update.isDeletion()).isTrue();
        assertThat(update.riskPointId).isEqualTo("x");
        assertThat(update.riskPoint).isNull();
    }

    @Test
    void deletionWinsOverTheRestOfTheRecord() {
        String raw = SPEC_EXAMPLE.replace("{\"riskPointId\"", "{\"deleted\":true,\"riskPointId\"");

        RegistryUpdate update = RegistryCodec.decode(raw).value();

        assertThat(update.isDeletion()).isTrue();
        assertThat(update.riskPointId).isEqualTo("rp-yz-b001");
    }

    @Test
    void deletedFalseIsAnOrdinaryUpsert() {
        RegistryUpdate update = RegistryCodec.decode(point("\"deleted\":false,")).value();

        assertThat(update.isDeletion()).isFalse();
        assertThat(update.riskPoint.devices).extracting(d -> d.deviceId).containsExactly("d1");
    }

    @Test
    void readsThresholdsWithDottedKeys() {
        RiskPoint point =
                RegistryCodec.decode(
                                point(
                                        "\"thresholds\":{\"bridge.deflection.orange\":45,"
                                                + "\"flood.warning\":182.5,"
                                                + "\"geo.steadyVelocity\":0.2},"))
                        .value()
                        .riskPoint;

        assertThat(point.thresholds)
                .containsOnly(
                        entry("bridge.deflection.orange", 45.0),
                        entry("flood.warning", 182.5),
                        entry("geo.steadyVelocity", 0.2));
        assertThat(point.thresholdOrNull("flood.guarantee")).isNull();
    }

    @Test
    void acceptsAnEmptyDeviceListAndNullThresholds() {
        RiskPoint point =
                RegistryCodec.decode(
                                "{\"riskPointId\":\"rp-2\",\"kind\":\"bridge\",\"lat\":0,\"lon\":0,"
                                        + "\"devices\":[],\"thresholds\":null}")
                        .value()
                        .riskPoint;

        assertThat(point.devices).isEmpty();
        assertThat(point.thresholds).isEmpty();
    }

    @Test
    void readsEverySensorTypeForDevices() {
        StringBuilder devices = new StringBuilder("[");
        for (SensorType type : SensorType.values()) {
            if (devices.length() > 1) {
                devices.append(',');
            }
            devices.append("{\"deviceId\":\"dev-")
                    .append(type.wireName())
                    .append("\",\"type\":\"")
                    .append(type.wireName())
                    .append("\"}");
        }
        RiskPoint point = RegistryCodec.decode(withDevices(devices + "]")).value().riskPoint;

        assertThat(point.devices).extracting(d -> d.type).containsExactly(SensorType.values());
        DeviceSpec heartbeat = point.device("dev-heartbeat");
        assertThat(heartbeat.type).isEqualTo(SensorType.HEARTBEAT);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                arguments("not json", "rp-1", RejectReason.invalid_json),
                arguments("empty", "", RejectReason.invalid_json),
                arguments("array", "[" + SPEC_EXAMPLE + "]", RejectReason.invalid_json),
                arguments(
                        "duplicate key", point("\"kind\":\"bridge\","), RejectReason.invalid_json),
                arguments("deletion without id", "{\"deleted\":true}", RejectReason.missing_field),
                arguments(
                        "deletion with bad id",
                        "{\"riskPointId\":\"x y\",\"deleted\":true}",
                        RejectReason.bad_value),
                arguments(
                        "deleted as string",
                        "{\"riskPointId\":\"x\",\"deleted\":\"true\"}",
                        RejectReason.bad_value),
                arguments(
                        "deleted false without body",
                        "{\"riskPointId\":\"x\",\"deleted\":false}",
                        RejectReason.missing_field),
                arguments(
                        "missing kind",
                        "{\"riskPointId\":\"rp-1\",\"lat\":1,\"lon\":1,\"devices\":[]}",
                        RejectReason.missing_field),
                arguments(
                        "unknown kind",
                        point("").replace("\"slope\"", "\"tunnel\""),
                        RejectReason.bad_value),
                arguments(
                        "missing lat",
                        "{\"riskPointId\":\"rp-1\",\"kind\":\"slope\",\"lon\":1,\"devices\":[]}",
                        RejectReason.missing_field),
                arguments(
                        "missing devices",
                        "{\"riskPointId\":\"rp-1\",\"kind\":\"slope\",\"lat\":1,\"lon\":1}",
                        RejectReason.missing_field),
                arguments(
                        "lat as string",
                        point("").replace("\"lat\":29.5", "\"lat\":\"29.5\""),
                        RejectReason.bad_value),
                arguments(
                        "lat 95",
                        point("").replace("\"lat\":29.5", "\"lat\":95"),
                        RejectReason.bad_value),
                arguments(
                        "lon -200",
                        point("").replace("\"lon\":106.5", "\"lon\":-200"),
                        RejectReason.bad_value),
                arguments(
                        "riskPointId with space",
                        point("").replace("\"rp-1\"", "\"rp 1\""),
                        RejectReason.bad_value),
                arguments(
                        "riskPointId empty",
                        point("").replace("\"rp-1\"", "\"\""),
                        RejectReason.bad_value),
                arguments("name as number", point("\"name\":5,"), RejectReason.bad_value),
                arguments(
                        "reportingPeriodSec 0",
                        point("\"reportingPeriodSec\":0,"),
                        RejectReason.bad_value),
                arguments(
                        "reportingPeriodSec negative",
                        point("\"reportingPeriodSec\":-60,"),
                        RejectReason.bad_value),
                arguments(
                        "reportingPeriodSec fractional",
                        point("\"reportingPeriodSec\":1.5,"),
                        RejectReason.bad_value),
                arguments(
                        "reportingPeriodSec as string",
                        point("\"reportingPeriodSec\":\"60\","),
                        RejectReason.bad_value),
                arguments(
                        "reportingPeriodSec beyond int",
                        point("\"reportingPeriodSec\":4294967356,"),
                        RejectReason.bad_value),
                arguments("devices not an array", withDevices("{}"), RejectReason.bad_value),
                arguments("device not an object", withDevices("[\"d1\"]"), RejectReason.bad_value),
                arguments(
                        "duplicate device ids",
                        withDevices(
                                "[{\"deviceId\":\"d1\",\"type\":\"tilt\"},"
                                        + "{\"deviceId\":\"d1\",\"type\":\"rainfall\"}]"),
                        RejectReason.bad_value),
                arguments(
                        "unknown device type",
                        withDevices("[{\"deviceId\":\"d1\",\"type\":\"radiation\"}]"),
                        RejectReason.unknown_type),
                arguments(
                        "device without type",
                        withDevices("[{\"deviceId\":\"d1\",\"zone\":\"F1\"}]"),
                        RejectReason.missing_field),
                arguments(
                        "device without id",
                        withDevices("[{\"type\":\"tilt\"}]"),
                        RejectReason.missing_field),
                arguments(
                        "device id with space",
                        withDevices("[{\"deviceId\":\"d 1\",\"type\":\"tilt\"}]"),
                        RejectReason.bad_value),
                arguments(
                        "zone as number",
                        withDevices("[{\"deviceId\":\"d1\",\"type\":\"tilt\",\"zone\":3}]"),
                        RejectReason.bad_value),
                arguments(
                        "thresholds not an object",
                        point("\"thresholds\":[1,2],"),
                        RejectReason.bad_value),
                arguments(
                        "threshold key without a dot",
                        point("\"thresholds\":{\"smokeAlarm\":3.0},"),
                        RejectReason.bad_value),
                arguments(
                        "threshold value as string",
                        point("\"thresholds\":{\"fire.smokeAlarm\":\"3.0\"},"),
                        RejectReason.bad_value),
                arguments(
                        "threshold value NaN",
                        point("\"thresholds\":{\"fire.smokeAlarm\":NaN},"),
                        RejectReason.bad_value),
                arguments(
                        "duplicate threshold key",
                        point("\"thresholds\":{\"fire.smokeAlarm\":3.0,\"fire.smokeAlarm\":4.0},"),
                        RejectReason.invalid_json));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void rejectsBadInputWithTheExactReason(String name, String raw, RejectReason expected) {
        Parsed<RegistryUpdate> parsed = RegistryCodec.decode(raw);

        assertThat(parsed.isOk()).as("accepted %s", name).isFalse();
        assertThat(parsed.reason()).isEqualTo(expected);
        assertThat(parsed.detail()).isNotBlank();
    }
}
