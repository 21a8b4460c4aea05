package io.citywatch.jobs.rules;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.testing.Events;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertEpisodesTest {
    private static final long MINUTE = 60_000;
    private final Site site = Events.site("rp-1", RiskPointKind.high_rise, 2, Map.of());
    private KeyedOneInputStreamOperatorTestHarness<String, RuleMatch, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness(RuleSettings.defaults());
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, RuleMatch, Alert> harness(
            RuleSettings settings) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertEpisodes(settings, false)),
                RuleMatch::episodeKey,
                Types.STRING);
    }

    private RuleMatch match(AlertLevel level, long ts) {
        RuleMatch match = new RuleMatch();
        match.ruleId = "fire.detector_alarm";
        match.scenario = Scenario.fire;
        match.level = level;
        match.site = site;
        match.locationKey = site.riskPointId;
        match.startTs = ts;
        match.detectTs = ts;
        match.deviceIds.add("d-" + ts);
        match.message = level + " at " + ts;
        return match;
    }

    private List<Alert> alerts() {
        return harness.extractOutputValues();
    }

    @Test
    void opensOnceSuppressesTheSameLevelAndUpgradesToAHigherOne() throws Exception {
        harness.processElement(match(AlertLevel.yellow, 0), 0);
        harness.processElement(match(AlertLevel.yellow, MINUTE), MINUTE);
        harness.processElement(match(AlertLevel.blue, 2 * MINUTE), 2 * MINUTE);
        harness.processElement(match(AlertLevel.red, 3 * MINUTE), 3 * MINUTE);

        List<Alert> alerts = alerts();
        assertThat(alerts)
                .extracting(a -> a.status)
                .containsExactly(AlertStatus.open, AlertStatus.upgraded);
        assertThat(alerts).extracting(a -> a.version).containsExactly(1, 2);
        assertThat(alerts)
                .extracting(a -> a.level)
                .containsExactly(AlertLevel.yellow, AlertLevel.red);
        assertThat(alerts.get(1).alertId).isEqualTo(alerts.get(0).alertId);
        assertThat(alerts.get(1).startTs).isZero();
        assertThat(alerts.get(1).detectTs).isEqualTo(3 * MINUTE);
        assertThat(alerts.get(1).deviceIds).containsExactly("d-0", "d-" + 3 * MINUTE);
    }

    @Test
    void clearsAfterTenQuietMinutesCountedFromTheLastMatchAndForgetsTheKey() throws Exception {
        harness.processElement(match(AlertLevel.yellow, 0), 0);
        harness.processElement(match(AlertLevel.yellow, 5 * MINUTE), 5 * MINUTE);
        harness.processWatermark(15 * MINUTE - 1);
        assertThat(alerts()).hasSize(1);

        harness.processWatermark(15 * MINUTE);
        assertThat(alerts())
                .extracting(a -> a.status)
                .containsExactly(AlertStatus.open, AlertStatus.cleared);
        assertThat(alerts().get(1).changeTs).isEqualTo(15 * MINUTE);

        // only the clear history, kept for flapping detection, stays: for one hour
        harness.processWatermark(75 * MINUTE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aNewEpisodeAfterAClearHasANewId() throws Exception {
        harness.processElement(match(AlertLevel.yellow, 0), 0);
        harness.processWatermark(10 * MINUTE);
        harness.processElement(match(AlertLevel.yellow, 11 * MINUTE), 11 * MINUTE);
        List<Alert> alerts = alerts();
        assertThat(alerts).hasSize(3);
        assertThat(alerts.get(2).alertId).isNotEqualTo(alerts.get(0).alertId);
        assertThat(alerts.get(2).version).isEqualTo(1);
    }

    @Test
    void alertIdsAreDeterministic() {
        RuleMatch match = match(AlertLevel.red, 42);
        assertThat(AlertEpisodes.open(match).alertId)
                .isEqualTo(AlertEpisodes.open(match(AlertLevel.red, 42)).alertId);
        assertThat(AlertEpisodes.open(match).alertId)
                .isNotEqualTo(AlertEpisodes.open(match(AlertLevel.red, 43)).alertId);
    }

    @Test
    void selfClearingRulesClearOnlyWhenTheyAskTo() throws Exception {
        RuleMatch open = match(AlertLevel.blue, 0);
        open.selfClearing = true;
        harness.processElement(open, 0);
        harness.processWatermark(60 * MINUTE);
        assertThat(alerts()).hasSize(1);

        RuleMatch clear = match(AlertLevel.blue, 61 * MINUTE);
        clear.selfClearing = true;
        clear.clear = true;
        harness.processElement(clear, 61 * MINUTE);
        assertThat(alerts())
                .extracting(a -> a.status)
                .containsExactly(AlertStatus.open, AlertStatus.cleared);
        harness.processWatermark(122 * MINUTE);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void anEpisodeThatClearsAndReopensTooOftenStaysOpenAsFlapping() throws Exception {
        long t = 0;
        for (int cycle = 0; cycle < 4; cycle++) {
            RuleMatch open = match(AlertLevel.blue, t);
            open.selfClearing = true;
            harness.processElement(open, t);
            RuleMatch clear = match(AlertLevel.blue, t + MINUTE);
            clear.selfClearing = true;
            clear.clear = true;
            harness.processElement(clear, t + MINUTE);
            t += 5 * MINUTE;
        }
        List<Alert> alerts = alerts();
        // three full cycles, then the fourth clear is held: the alert stays open, marked flapping
        assertThat(alerts)
                .extracting(a -> a.status)
                .containsExactly(
                        AlertStatus.open,
                        AlertStatus.cleared,
                        AlertStatus.open,
                        AlertStatus.cleared,
                        AlertStatus.open,
                        AlertStatus.cleared,
                        AlertStatus.open,
                        AlertStatus.open);
        assertThat(alerts.get(7).flapping).isTrue();
        assertThat(alerts.get(7).alertId).isEqualTo(alerts.get(6).alertId);

        // it ends after a quiet hour
        harness.processWatermark(16 * MINUTE + 60 * MINUTE);
        assertThat(alerts())
                .last()
                .satisfies(a -> assertThat(a.status).isEqualTo(AlertStatus.cleared));
    }

    @Test
    void aClearTimerBeyondAReplaysClockStopIsReportedAsPending() throws Exception {
        harness.close();
        harness = harness(new RuleSettings(5 * MINUTE, Locale.ENGLISH, Duration.ofMinutes(10)));
        harness.open();
        harness.processElement(match(AlertLevel.yellow, 0), 0);
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(alerts()).extracting(a -> a.status).containsExactly(AlertStatus.open);
        assertThat(harness.getSideOutput(Pending.TAG)).hasSize(1);
        assertThat(harness.getSideOutput(Pending.TAG).peek().getValue().dueTs)
                .isEqualTo(10 * MINUTE);
    }

    @Test
    void anOpenEpisodeSurvivesSnapshotAndRestore() throws Exception {
        harness.processElement(match(AlertLevel.yellow, 0), 0);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = harness(RuleSettings.defaults());
        harness.initializeState(snapshot);
        harness.open();
        harness.processElement(match(AlertLevel.orange, MINUTE), MINUTE);
        harness.processWatermark(11 * MINUTE);

        assertThat(alerts())
                .extracting(a -> a.status)
                .containsExactly(AlertStatus.upgraded, AlertStatus.cleared);
        assertThat(alerts()).extracting(a -> a.version).containsExactly(2, 3);
    }

    @Test
    void aMatchDueWhenTheClearTimerMovesIsNotLostInEventTimeOrder() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleMatch, Alert> ordered =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new AlertEpisodes(RuleSettings.defaults(), true)),
                        RuleMatch::episodeKey,
                        Types.STRING)) {
            ordered.open();
            ordered.processElement(match(AlertLevel.yellow, 0), 0);
            ordered.processWatermark(0);
            // the clear is due at 10 min, the instant of a match still waiting for the watermark;
            // the match at 5 min moves the clear on, and must not take the waiting one's timer
            ordered.processElement(match(AlertLevel.yellow, 5 * MINUTE), 5 * MINUTE);
            ordered.processElement(match(AlertLevel.yellow, 10 * MINUTE), 10 * MINUTE);
            ordered.processWatermark(Long.MAX_VALUE);

            assertThat(ordered.extractOutputValues())
                    .filteredOn(alert -> alert.status == AlertStatus.cleared)
                    .singleElement()
                    .satisfies(alert -> assertThat(alert.changeTs).isEqualTo(20 * MINUTE));
        }
    }
}
