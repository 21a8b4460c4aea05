package io.citywatch.common.codec;

/**
 * Why a record went to the dead-letter topic (docs/contract.md §3.2); the wire name is the enum
 * name.
 */
public enum RejectReason {
    invalid_json,
    missing_field,
    bad_value,
    unknown_type,
    unit_mismatch,
    too_large,
    late,
    unknown_device,
    unknown_risk_point,
    unknown_alert,
    invalid_action,
    influx_rejected
}
