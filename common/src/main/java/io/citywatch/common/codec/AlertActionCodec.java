package io.citywatch.common.codec;

import io.citywatch.common.model.ActionType;
import io.citywatch.common.model.AlertAction;

import com.fasterxml.jackson.databind.JsonNode;

import static io.citywatch.common.codec.JsonRecords.abbreviate;
import static io.citywatch.common.codec.JsonRecords.optionalText;
import static io.citywatch.common.codec.JsonRecords.parseObject;
import static io.citywatch.common.codec.JsonRecords.requiredId;
import static io.citywatch.common.codec.JsonRecords.requiredText;
import static io.citywatch.common.codec.JsonRecords.requiredTimestamp;

/** Decodes and validates one {@code citywatch.alert-actions} record (docs/contract.md §2.4). */
public final class AlertActionCodec {
    private AlertActionCodec() {}

    public static Parsed<AlertAction> decode(String raw) {
        try {
            return Parsed.ok(read(parseObject(raw)));
        } catch (InvalidRecordException e) {
            return Parsed.rejected(e);
        }
    }

    private static AlertAction read(JsonNode json) throws InvalidRecordException {
        AlertAction action = new AlertAction();
        action.alertId = requiredId(json, "alertId");
        action.action = actionType(requiredText(json, "action"));
        action.by = optionalText(json, "by");
        action.ts = requiredTimestamp(json);
        return action;
    }

    /**
     * docs/contract.md §3.2: an action that is not one of §2.4 is rejected {@code invalid_action}.
     */
    private static ActionType actionType(String name) throws InvalidRecordException {
        for (ActionType type : ActionType.values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new InvalidRecordException(
                RejectReason.invalid_action,
                "action must be acknowledge, dispatch, resolve or false_alarm, got "
                        + abbreviate(name));
    }
}
