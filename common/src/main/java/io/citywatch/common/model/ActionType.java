package io.citywatch.common.model;

/** What an operator did with an alert (docs/contract.md §2.4). */
public enum ActionType {
    acknowledge,
    dispatch,
    resolve,
    false_alarm
}
