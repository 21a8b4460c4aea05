package io.citywatch.common.codec;

import io.citywatch.common.model.Incident;
import io.citywatch.common.model.IncidentCategory;
import io.citywatch.common.model.IncidentSource;
import io.citywatch.common.model.IncidentStatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class IncidentCodecTest {
    private static final String SPEC_EXAMPLE =
            "{\"incidentId\":\"inc-20260714-0042\",\"source\":\"hotline_119\",\"category\":\"fire\","
                    + "\"status\":\"reported\",\"riskPointId\":\"rp-yz-b001\","
                    + "\"ts\":\"2026-07-14T03:01:10Z\"}";

    /** 2026-07-14T03:01:10Z (python calendar.timegm). */
    private static final long TS = 1_783_998_070_000L;

    /** An incident with the given location members (raw JSON, may be empty). */
    private static String incident(String location) {
        return "{\"incidentId\":\"inc-1\",\"source\":\"citizen_app\",\"category\":\"flood\","
                + "\"status\":\"reported\","
                + location
                + (location.isEmpty() ? "" : ",")
                + "\"ts\":\"2026-07-14T03:01:10Z\"}";
    }

    /** The spec example with one member replaced (value as raw JSON) or removed (null). */
    private static String exampleWith(String field, String rawValue) {
        String[][] members = {
            {"incidentId", "\"inc-20260714-0042\""},
            {"source", "\"hotline_119\""},
            {"category", "\"fire\""},
            {"status", "\"reported\""},
            {"riskPointId", "\"rp-yz-b001\""},
            {"ts", "\"2026-07-14T03:01:10Z\""}
        };
        StringBuilder json = new StringBuilder("{");
        for (String[] member : members) {
            String value = member[0].equals(field) ? rawValue : member[1];
            if (value == null) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(member[0]).append("\":").append(value);
        }
        return json.append('}').toString();
    }

    @Test
    void decodesTheSpecExample() {
        Incident incident = IncidentCodec.decode(SPEC_EXAMPLE).value();

        assertThat(incident.incidentId).isEqualTo("inc-20260714-0042");
        assertThat(incident.source).isEqualTo(IncidentSource.hotline_119);
        assertThat(incident.category).isEqualTo(IncidentCategory.fire);
        assertThat(incident.status).isEqualTo(IncidentStatus.reported);
        assertThat(incident.riskPointId).isEqualTo("rp-yz-b001");
        assertThat(incident.lat).isNull();
        assertThat(incident.lon).isNull();
        assertThat(incident.ts).isEqualTo(TS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "citizen_app",
                "hotline_110",
                "hotline_119",
                "hotline_12345",
                "patrol",
                "video_ai"
            })
    void acceptsEverySourceOfTheSpec(String source) {
        assertThat(IncidentCodec.decode(exampleWith("source", "\"" + source + "\"")).value().source)
                .hasToString(source);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "fire",
                "smoke",
                "flood",
                "waterlogging",
                "landslide",
                "rockfall",
                "gas_leak",
                "structural",
                "other"
            })
    void acceptsEveryCategoryOfTheSpec(String category) {
        assertThat(
                        IncidentCodec.decode(exampleWith("category", "\"" + category + "\""))
                                .value()
                                .category)
                .hasToString(category);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "reported",
                "acknowledged",
                "dispatched",
                "on_site",
                "resolved",
                "false_alarm"
            })
    void acceptsEveryStatusOfTheSpec(String status) {
        assertThat(IncidentCodec.decode(exampleWith("status", "\"" + status + "\"")).value().status)
                .hasToString(status);
    }

    @Test
    void acceptsLatLonInsteadOfRiskPoint() {
        Incident incident =
                IncidentCodec.decode(incident("\"lat\":29.5576,\"lon\":106.5772")).value();

        assertThat(incident.riskPointId).isNull();
        assertThat(incident.lat).isEqualTo(29.5576);
        assertThat(incident.lon).isEqualTo(106.5772);
    }

    @Test
    void acceptsIntegerAndBoundaryCoordinates() {
        Incident zero = IncidentCodec.decode(incident("\"lat\":0,\"lon\":0")).value();
        Incident corner = IncidentCodec.decode(incident("\"lat\":-90,\"lon\":180")).value();

        assertThat(zero.lat).isEqualTo(0.0);
        assertThat(zero.lon).isEqualTo(0.0);
        assertThat(corner.lat).isEqualTo(-90.0);
        assertThat(corner.lon).isEqualTo(180.0);
    }

    @Test
    void riskPointIdWinsButCoordinatesAreKeptWhenBothAreGiven() {
        Incident incident =
                IncidentCodec.decode(
                                incident(
                                        "\"riskPointId\":\"rp-yz-b001\",\"lat\":29.5,\"lon\":106.5"))
                        .value();

        assertThat(incident.riskPointId).isEqualTo("rp-yz-b001");
        assertThat(incident.lat).isEqualTo(29.5);
        assertThat(incident.lon).isEqualTo(106.5);
    }

    @Test
    void nullRiskPointIdWithCoordinatesCountsAsCoordinatesOnly() {
        Incident incident =
                IncidentCodec.decode(incident("\"riskPointId\":null,\"lat\":29.5,\"lon\":106.5"))
                        .value();

        assertThat(incident.riskPointId).isNull();
        assertThat(incident.lat).isEqualTo(29.5);
    }

    @Test
    void ignoresUnknownFieldsAndAcceptsEpochMillis() {
        Incident incident =
                IncidentCodec.decode(
                                "{\"incidentId\":\"inc-2\",\"source\":\"patrol\",\"category\":\"smoke\","
                                        + "\"status\":\"on_site\",\"riskPointId\":\"rp-1\","
                                        + "\"ts\":1783998070000,\"reporter\":{\"name\":\"x\"},"
                                        + "\"text\":\"烟很大\"}")
                        .value();

        assertThat(incident.ts).isEqualTo(TS);
        assertThat(incident.status).isEqualTo(IncidentStatus.on_site);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                arguments("not json", "not json", RejectReason.invalid_json),
                arguments("empty", "", RejectReason.invalid_json),
                arguments("array", "[" + SPEC_EXAMPLE + "]", RejectReason.invalid_json),
                arguments("truncated", SPEC_EXAMPLE.substring(0, 60), RejectReason.invalid_json),
                arguments(
                        "duplicate key",
                        exampleWith("ts", "\"2026-07-14T03:01:10Z\",\"category\":\"fire\""),
                        RejectReason.invalid_json),
                arguments(
                        "missing incidentId",
                        exampleWith("incidentId", null),
                        RejectReason.missing_field),
                arguments(
                        "missing source", exampleWith("source", null), RejectReason.missing_field),
                arguments(
                        "missing category",
                        exampleWith("category", null),
                        RejectReason.missing_field),
                arguments(
                        "missing status", exampleWith("status", null), RejectReason.missing_field),
                arguments("missing ts", exampleWith("ts", null), RejectReason.missing_field),
                arguments("null status", exampleWith("status", "null"), RejectReason.missing_field),
                arguments("no location at all", incident(""), RejectReason.missing_field),
                arguments("lat without lon", incident("\"lat\":29.5"), RejectReason.missing_field),
                arguments("lon without lat", incident("\"lon\":106.5"), RejectReason.missing_field),
                arguments(
                        "null riskPointId and no coordinates",
                        incident("\"riskPointId\":null"),
                        RejectReason.missing_field),
                arguments(
                        "unknown source",
                        exampleWith("source", "\"twitter\""),
                        RejectReason.bad_value),
                arguments(
                        "source is case-sensitive",
                        exampleWith("source", "\"Hotline_119\""),
                        RejectReason.bad_value),
                arguments(
                        "unknown category",
                        exampleWith("category", "\"meteor\""),
                        RejectReason.bad_value),
                arguments(
                        "category upper case",
                        exampleWith("category", "\"FIRE\""),
                        RejectReason.bad_value),
                arguments(
                        "unknown status",
                        exampleWith("status", "\"closed\""),
                        RejectReason.bad_value),
                arguments("status as number", exampleWith("status", "1"), RejectReason.bad_value),
                arguments(
                        "incidentId with space",
                        exampleWith("incidentId", "\"inc 42\""),
                        RejectReason.bad_value),
                arguments(
                        "incidentId empty",
                        exampleWith("incidentId", "\"\""),
                        RejectReason.bad_value),
                arguments(
                        "incidentId as number",
                        exampleWith("incidentId", "42"),
                        RejectReason.bad_value),
                arguments(
                        "riskPointId empty",
                        exampleWith("riskPointId", "\"\""),
                        RejectReason.bad_value),
                arguments(
                        "riskPointId with space",
                        exampleWith("riskPointId", "\"rp yz\""),
                        RejectReason.bad_value),
                arguments(
                        "riskPointId of 129 chars",
                        exampleWith("riskPointId", "\"" + "r".repeat(129) + "\""),
                        RejectReason.bad_value),
                arguments(
                        "riskPointId as number",
                        exampleWith("riskPointId", "7"),
                        RejectReason.bad_value),
                arguments(
                        "lat as string",
                        incident("\"lat\":\"29.5\",\"lon\":106.5"),
                        RejectReason.bad_value),
                arguments("lat 91", incident("\"lat\":91,\"lon\":106.5"), RejectReason.bad_value),
                arguments(
                        "lat -90.5",
                        incident("\"lat\":-90.5,\"lon\":106.5"),
                        RejectReason.bad_value),
                arguments(
                        "lon -181", incident("\"lat\":29.5,\"lon\":-181"), RejectReason.bad_value),
                arguments("lon NaN", incident("\"lat\":29.5,\"lon\":NaN"), RejectReason.bad_value),
                arguments(
                        "lat out of range even with riskPointId",
                        incident("\"riskPointId\":\"rp-1\",\"lat\":123,\"lon\":106.5"),
                        RejectReason.bad_value),
                arguments(
                        "ISO without zone",
                        exampleWith("ts", "\"2026-07-14T03:01:10\""),
                        RejectReason.bad_value),
                arguments("float epoch", exampleWith("ts", "1.5"), RejectReason.bad_value),
                arguments(
                        "too large",
                        exampleWith(
                                "ts",
                                "\"2026-07-14T03:01:10Z\",\"note\":\"" + "n".repeat(70_000) + "\""),
                        RejectReason.too_large));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void rejectsBadInputWithTheExactReason(String name, String raw, RejectReason expected) {
        Parsed<Incident> parsed = IncidentCodec.decode(raw);

        assertThat(parsed.isOk()).as("accepted %s", name).isFalse();
        assertThat(parsed.reason()).isEqualTo(expected);
        assertThat(parsed.detail()).isNotBlank();
    }
}
