package io.citywatch.jobs.alerts;

import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.ActionType;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertAction;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.AlertReview;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.ingest.Outputs;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class AlertLifecycleTest {
    private static final long MINUTE = 60_000;
    private KeyedTwoInputStreamOperatorTestHarness<String, Alert, ActionEvent, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness(RuleSettings.defaults());
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Alert, ActionEvent, Alert>
            harness(RuleSettings settings) throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(
                        new AlertLifecycle(settings, "citywatch.alert-actions", false)),
                alert -> alert.alertId,
                action -> action.action.alertId,
                Types.STRING);
    }

    private static Alert proposal(String id, AlertLevel level, AlertStatus status, long ts) {
        Alert alert = new Alert();
        alert.alertId = id;
        alert.ruleId = "fire.confirmed";
        alert.scenario = Scenario.fire;
        alert.level = level;
        alert.status = status;
        alert.riskPointId = "rp-1";
        alert.district = "Yuzhong";
        alert.startTs = ts;
        alert.detectTs = ts;
        alert.changeTs = ts;
        alert.message = "m";
        return alert;
    }

    private void propose(String id, AlertLevel level, AlertStatus status, long ts)
            throws Exception {
        harness.processElement1(proposal(id, level, status, ts), ts);
    }

    private void act(String id, ActionType type, long ts) throws Exception {
        ActionEvent event = new ActionEvent();
        event.action = new AlertAction();
        event.action.alertId = id;
        event.action.action = type;
        event.action.by = "duty-officer-7";
        event.action.ts = ts;
        event.ts = ts;
        event.raw = "{" + type + "}";
        harness.processElement2(event, ts);
    }

    private void watermark(long ts) throws Exception {
        harness.processBothWatermarks(new Watermark(ts));
    }

    private List<Alert> changes() {
        return harness.extractOutputValues();
    }

    private List<AlertReview> reviews() {
        var reviews = harness.getSideOutput(AlertLifecycle.REVIEWS);
        return reviews == null ? List.of() : reviews.stream().map(StreamRecord::getValue).toList();
    }

    private List<DeadLetter> deadLetters() {
        var letters = harness.getSideOutput(Outputs.DEAD_LETTERS);
        return letters == null ? List.of() : letters.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void anUnansweredRedAlertEscalatesThreeTimesAtFiveMinuteSteps() throws Exception {
        propose("a", AlertLevel.red, AlertStatus.open, 0);
        watermark(5 * MINUTE - 1);
        assertThat(changes()).hasSize(1);
        watermark(60 * MINUTE);

        assertThat(changes())
                .extracting(a -> a.status)
                .containsExactly(
                        AlertStatus.open,
                        AlertStatus.escalated,
                        AlertStatus.escalated,
                        AlertStatus.escalated);
        assertThat(changes()).extracting(a -> a.escalation).containsExactly(0, 1, 2, 3);
        assertThat(changes())
                .extracting(a -> a.changeTs)
                .containsExactly(0L, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE);
        assertThat(changes()).extracting(a -> a.version).containsExactly(1, 2, 3, 4);
    }

    @Test
    void orangeWaitsFifteenMinutesYellowThirtyAndBlueNeverEscalates() throws Exception {
        propose("o", AlertLevel.orange, AlertStatus.open, 0);
        propose("y", AlertLevel.yellow, AlertStatus.open, 0);
        propose("b", AlertLevel.blue, AlertStatus.open, 0);
        watermark(30 * MINUTE);
        assertThat(changes())
                .filteredOn(a -> a.status == AlertStatus.escalated)
                .extracting(a -> a.alertId + "@" + a.changeTs / MINUTE)
                .containsExactlyInAnyOrder("o@15", "o@30", "y@30");
    }

    @Test
    void anAcknowledgementStopsTheClock() throws Exception {
        propose("a", AlertLevel.red, AlertStatus.open, 0);
        act("a", ActionType.acknowledge, 4 * MINUTE);
        watermark(60 * MINUTE);
        assertThat(changes())
                .extracting(a -> a.status)
                .containsExactly(AlertStatus.open, AlertStatus.acknowledged);
    }

    @Test
    void theFullLoopEndsWithOneReview() throws Exception {
        propose("a", AlertLevel.red, AlertStatus.open, 0);
        watermark(6 * MINUTE);
        act("a", ActionType.acknowledge, 7 * MINUTE);
        act("a", ActionType.dispatch, 9 * MINUTE);
        act("a", ActionType.resolve, 40 * MINUTE);
        watermark(40 * MINUTE);

        assertThat(changes())
                .extracting(a -> a.status)
                .containsExactly(
                        AlertStatus.open,
                        AlertStatus.escalated,
                        AlertStatus.acknowledged,
                        AlertStatus.dispatched,
                        AlertStatus.resolved);
        assertThat(reviews())
                .singleElement()
                .satisfies(
                        review -> {
                            assertThat(review.ackSeconds).isEqualTo(420);
                            assertThat(review.dispatchSeconds).isEqualTo(540);
                            assertThat(review.resolveSeconds).isEqualTo(2400);
                            assertThat(review.escalations).isEqualTo(1);
                            assertThat(review.endStatus).isEqualTo(AlertStatus.resolved);
                        });
    }

    @Test
    void aClearedAlertThatNobodyAnsweredIsReviewedWithEmptySteps() throws Exception {
        propose("a", AlertLevel.blue, AlertStatus.open, 0);
        propose("a", AlertLevel.blue, AlertStatus.cleared, 10 * MINUTE);
        assertThat(reviews())
                .singleElement()
                .satisfies(
                        review -> {
                            assertThat(review.ackSeconds).isNull();
                            assertThat(review.resolveSeconds).isNull();
                            assertThat(review.endStatus).isEqualTo(AlertStatus.cleared);
                        });
    }

    @Test
    void actionsThatMakeNoSenseAreDeadLetteredNotApplied() throws Exception {
        act("ghost", ActionType.acknowledge, MINUTE);
        propose("a", AlertLevel.red, AlertStatus.open, 2 * MINUTE);
        act("a", ActionType.acknowledge, MINUTE);
        act("a", ActionType.acknowledge, 3 * MINUTE);
        act("a", ActionType.acknowledge, 4 * MINUTE);
        act("a", ActionType.false_alarm, 5 * MINUTE);
        act("a", ActionType.resolve, 6 * MINUTE);
        watermark(6 * MINUTE);

        assertThat(deadLetters())
                .extracting(d -> d.reason)
                .containsExactly(
                        RejectReason.unknown_alert, RejectReason.invalid_action,
                        RejectReason.invalid_action, RejectReason.invalid_action);
        assertThat(deadLetters())
                .extracting(d -> d.detail)
                .containsExactly(
                        "no alert has id ghost",
                        "the action is older than the alert it names",
                        "the alert is already acknowledged",
                        "the alert has already ended as false_alarm");
        assertThat(changes())
                .extracting(a -> a.status)
                .containsExactly(
                        AlertStatus.open, AlertStatus.acknowledged, AlertStatus.false_alarm);
    }

    @Test
    void anUpgradeToRedShortensTheWait() throws Exception {
        propose("a", AlertLevel.yellow, AlertStatus.open, 0);
        propose("a", AlertLevel.red, AlertStatus.upgraded, 2 * MINUTE);
        watermark(7 * MINUTE);
        assertThat(changes())
                .extracting(a -> a.status + "@" + a.changeTs / MINUTE)
                .containsExactly("open@0", "upgraded@2", "escalated@7");
    }

    @Test
    void anEscalationDueBeforeALaterChangeComesFirstEvenIfItsTimerIsLate() throws Exception {
        propose("a", AlertLevel.red, AlertStatus.open, 0);
        propose("a", AlertLevel.red, AlertStatus.cleared, 7 * MINUTE);
        assertThat(changes())
                .extracting(a -> a.status)
                .containsExactly(AlertStatus.open, AlertStatus.escalated, AlertStatus.cleared);
    }

    @Test
    void anOpenEscalationSurvivesSnapshotAndRestore() throws Exception {
        propose("a", AlertLevel.red, AlertStatus.open, 0);
        watermark(5 * MINUTE);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = harness(RuleSettings.defaults());
        harness.initializeState(snapshot);
        harness.open();
        watermark(10 * MINUTE);
        assertThat(changes())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.escalation).isEqualTo(2);
                            assertThat(a.version).isEqualTo(3);
                        });
    }

    @Test
    void anEscalationBeyondTheReplayClockIsPending() throws Exception {
        harness.close();
        harness = harness(new RuleSettings(3 * MINUTE, Locale.ENGLISH, Duration.ofMinutes(10)));
        harness.open();
        propose("a", AlertLevel.red, AlertStatus.open, 0);
        watermark(Long.MAX_VALUE);
        assertThat(changes()).hasSize(1);
        assertThat(harness.getSideOutput(Pending.TAG)).hasSize(1);
    }

    @Test
    void anEndedAlertIsForgottenAfterADay() throws Exception {
        propose("a", AlertLevel.blue, AlertStatus.open, 0);
        act("a", ActionType.resolve, MINUTE);
        watermark(MINUTE);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        watermark(MINUTE + 24 * 60 * MINUTE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
