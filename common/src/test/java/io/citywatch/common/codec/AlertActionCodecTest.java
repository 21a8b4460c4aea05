package io.citywatch.common.codec;

import io.citywatch.common.model.ActionType;
import io.citywatch.common.model.AlertAction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class AlertActionCodecTest {
    /** 2026-07-14T03:04:00Z (python calendar.timegm). */
    private static final long TS = 1_783_998_240_000L;

    private static String action(String alertId, String action, String by, String ts) {
        StringBuilder json = new StringBuilder("{");
        if (alertId != null) {
            json.append("\"alertId\":").append(alertId).append(',');
        }
        if (action != null) {
            json.append("\"action\":").append(action).append(',');
        }
        if (by != null) {
            json.append("\"by\":").append(by).append(',');
        }
        if (ts != null) {
            json.append("\"ts\":").append(ts).append(',');
        }
        if (json.length() > 1) {
            json.setLength(json.length() - 1);
        }
        return json.append('}').toString();
    }

    private static String valid(String actionName) {
        return action(
                "\"7f3c9a01b2\"",
                "\"" + actionName + "\"",
                "\"duty-officer-7\"",
                "\"2026-07-14T03:04:00Z\"");
    }

    @Test
    void decodesTheSpecExample() {
        AlertAction action = AlertActionCodec.decode(valid("acknowledge")).value();

        assertThat(action.alertId).isEqualTo("7f3c9a01b2");
        assertThat(action.action).isEqualTo(ActionType.acknowledge);
        assertThat(action.by).isEqualTo("duty-officer-7");
        assertThat(action.ts).isEqualTo(TS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acknowledge", "dispatch", "resolve", "false_alarm"})
    void acceptsEveryActionOfTheSpec(String name) {
        assertThat(AlertActionCodec.decode(valid(name)).value().action).hasToString(name);
    }

    @Test
    void byIsOptionalAndMayBeFreeText() {
        AlertAction absent =
                AlertActionCodec.decode(
                                action(
                                        "\"a1\"",
                                        "\"resolve\"",
                                        null,
                                        "\"2026-07-14T11:04:00+08:00\""))
                        .value();
        AlertAction nullBy =
                AlertActionCodec.decode(action("\"a1\"", "\"resolve\"", "null", "1783998240000"))
                        .value();
        AlertAction freeText =
                AlertActionCodec.decode(
                                action("\"a1\"", "\"dispatch\"", "\"值班员 张三\"", "1783998240000"))
                        .value();

        assertThat(absent.by).isNull();
        assertThat(absent.ts).isEqualTo(TS);
        assertThat(nullBy.by).isNull();
        assertThat(nullBy.ts).isEqualTo(TS);
        assertThat(freeText.by).isEqualTo("值班员 张三");
    }

    @Test
    void ignoresUnknownFields() {
        String raw = valid("dispatch").replace("}", ",\"note\":\"team 3\",\"crew\":[1,2]}");

        assertThat(AlertActionCodec.decode(raw).value().action).isEqualTo(ActionType.dispatch);
    }

    static Stream<Arguments> badInputs() {
        String ts = "\"2026-07-14T03:04:00Z\"";
        return Stream.of(
                arguments("not json", "ack!", RejectReason.invalid_json),
                arguments("empty", " ", RejectReason.invalid_json),
                arguments("array", "[\"a1\",\"acknowledge\"]", RejectReason.invalid_json),
                arguments(
                        "duplicate action",
                        "{\"alertId\":\"a1\",\"action\":\"acknowledge\",\"action\":\"resolve\","
                                + "\"ts\":"
                                + ts
                                + "}",
                        RejectReason.invalid_json),
                arguments(
                        "missing alertId",
                        action(null, "\"acknowledge\"", null, ts),
                        RejectReason.missing_field),
                arguments(
                        "missing action",
                        action("\"a1\"", null, null, ts),
                        RejectReason.missing_field),
                arguments(
                        "null action",
                        action("\"a1\"", "null", null, ts),
                        RejectReason.missing_field),
                arguments(
                        "missing ts",
                        action("\"a1\"", "\"acknowledge\"", null, null),
                        RejectReason.missing_field),
                arguments(
                        "unknown action close",
                        action("\"a1\"", "\"close\"", null, ts),
                        RejectReason.invalid_action),
                arguments(
                        "action upper case",
                        action("\"a1\"", "\"ACKNOWLEDGE\"", null, ts),
                        RejectReason.invalid_action),
                arguments(
                        "empty action",
                        action("\"a1\"", "\"\"", null, ts),
                        RejectReason.invalid_action),
                arguments(
                        "action as number",
                        action("\"a1\"", "1", null, ts),
                        RejectReason.bad_value),
                arguments(
                        "alertId with space",
                        action("\"a 1\"", "\"resolve\"", null, ts),
                        RejectReason.bad_value),
                arguments(
                        "alertId empty",
                        action("\"\"", "\"resolve\"", null, ts),
                        RejectReason.bad_value),
                arguments(
                        "alertId as number",
                        action("17", "\"resolve\"", null, ts),
                        RejectReason.bad_value),
                arguments(
                        "by as number",
                        action("\"a1\"", "\"resolve\"", "7", ts),
                        RejectReason.bad_value),
                arguments(
                        "ts without zone",
                        action("\"a1\"", "\"resolve\"", null, "\"2026-07-14T03:04:00\""),
                        RejectReason.bad_value),
                arguments(
                        "negative epoch ts",
                        action("\"a1\"", "\"resolve\"", null, "-5"),
                        RejectReason.bad_value),
                arguments(
                        "too large",
                        action("\"a1\"", "\"resolve\"", "\"" + "b".repeat(66_000) + "\"", ts),
                        RejectReason.too_large));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void rejectsBadInputWithTheExactReason(String name, String raw, RejectReason expected) {
        Parsed<AlertAction> parsed = AlertActionCodec.decode(raw);

        assertThat(parsed.isOk()).as("accepted %s", name).isFalse();
        assertThat(parsed.reason()).isEqualTo(expected);
        assertThat(parsed.detail()).isNotBlank();
    }
}
