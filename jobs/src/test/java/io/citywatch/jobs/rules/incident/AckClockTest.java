package io.citywatch.jobs.rules.incident;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.IncidentStatus;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.jobs.events.IncidentEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.citywatch.common.model.IncidentCategory.rockfall;
import static io.citywatch.common.model.IncidentStatus.acknowledged;
import static io.citywatch.common.model.IncidentStatus.dispatched;
import static io.citywatch.common.model.IncidentStatus.reported;
import static io.citywatch.jobs.rules.incident.Incidents.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

class AckClockTest {
    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());
    private KeyedOneInputStreamOperatorTestHarness<String, IncidentEvent, AckStage> harness;

    private void start(RuleSettings settings) throws Exception {
        harness = KeyedHarness.open(new AckClock(settings), event -> event.incident.incidentId);
    }

    private void start() throws Exception {
        start(RuleSettings.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(Site site, String id, IncidentStatus status, long millis) throws Exception {
        harness.processElement(Incidents.at(site, id, rockfall, status, millis), millis);
    }

    private void send(String id, IncidentStatus status, long millis) throws Exception {
        send(slope, id, status, millis);
    }

    private List<AckStage> stages() {
        return harness.extractOutputValues();
    }

    @Test
    void stillReportedAfterTenMinutesIsYellowAndAfterThirtyOrange() throws Exception {
        start();
        send("i1", reported, 0);
        harness.processWatermark(10 * MINUTE - 1);
        assertThat(stages()).isEmpty();
        harness.processWatermark(10 * MINUTE);
        harness.processWatermark(30 * MINUTE);
        assertThat(stages())
                .extracting(s -> s.level)
                .containsExactly(AlertLevel.yellow, AlertLevel.orange);
        assertThat(stages()).extracting(s -> s.ts).containsExactly(10 * MINUTE, 30 * MINUTE);
        assertThat(stages().get(0).locationKey).isEqualTo("rp-slope");
        assertThat(stages().get(0).reportedTs).isZero();
    }

    @Test
    void anAcknowledgementAtTheDeadlineStopsTheClock() throws Exception {
        start();
        send("i1", reported, 0);
        send("i1", acknowledged, 10 * MINUTE);
        harness.processWatermark(40 * MINUTE);
        assertThat(stages()).isEmpty();
        assertThat(harness.numEventTimeTimers()).as("only the forget timer is left").isEqualTo(1);
    }

    @Test
    void anyLaterStatusEndsWhatFired() throws Exception {
        start();
        send("i1", reported, 0);
        harness.processWatermark(12 * MINUTE);
        send("i1", dispatched, 12 * MINUTE + 30_000);
        harness.processWatermark(40 * MINUTE);
        assertThat(stages()).extracting(s -> s.level).containsExactly(AlertLevel.yellow, null);
        assertThat(stages().get(1).ts).isEqualTo(12 * MINUTE + 30_000);
    }

    @Test
    void aLaterStatusThatArrivesBeforeTheDeadlinesPassedLetsThemFireFirst() throws Exception {
        start();
        // a replay reads the whole file ahead of the watermark
        send("i1", reported, 0);
        send("i1", acknowledged, 33 * MINUTE);
        harness.processWatermark(40 * MINUTE);
        assertThat(stages())
                .extracting(s -> s.level + "@" + s.ts / MINUTE)
                .containsExactly("yellow@10", "orange@30", "null@33");
    }

    @Test
    void aStatusArrivingOutOfOrderBeforeTheDeadlineStillCounts() throws Exception {
        start();
        send("i1", reported, 0);
        // the watermark trails by the out-of-orderness bound: 9:50 of event time
        harness.processWatermark(9 * MINUTE + 50_000);
        send("i1", acknowledged, 9 * MINUTE + 55_000);
        harness.processWatermark(40 * MINUTE);
        assertThat(stages()).isEmpty();
    }

    @Test
    void aRepeatedReportDoesNotRestartTheClockButAnEarlierOneMovesIt() throws Exception {
        start();
        send("i1", reported, MINUTE);
        send("i1", reported, 2 * MINUTE);
        send("i1", reported, 0);
        harness.processWatermark(10 * MINUTE);
        assertThat(stages()).extracting(s -> s.ts).containsExactly(10 * MINUTE);
        harness.processWatermark(12 * MINUTE);
        assertThat(stages()).hasSize(1);
    }

    @Test
    void anIncidentFirstSeenAcknowledgedNeverFires() throws Exception {
        start();
        send("i1", acknowledged, 0);
        send("i1", reported, -20_000);
        harness.processWatermark(40 * MINUTE);
        assertThat(stages()).isEmpty();
    }

    @Test
    void aRiskPointOverrideMovesTheDeadlines() throws Exception {
        start();
        Site strict =
                Events.site(
                        "rp-slope",
                        RiskPointKind.slope,
                        1,
                        Map.of("incident.yellowAfter", 120.0, "incident.orangeAfter", 300.0));
        send(strict, "i1", reported, 0);
        harness.processWatermark(5 * MINUTE);
        assertThat(stages()).extracting(s -> s.ts).containsExactly(2 * MINUTE, 5 * MINUTE);
    }

    @Test
    void incidentsInAGridCellKeepTheirCellAsLocation() throws Exception {
        start();
        harness.processElement(Incidents.inCell("wm7b2x", "g1", rockfall, reported, 0), 0);
        harness.processWatermark(10 * MINUTE);
        assertThat(stages())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.site).isNull();
                            assertThat(s.locationKey).isEqualTo("geo:wm7b2x");
                        });
    }

    @Test
    void aDeadlineBeyondAReplaysEndIsPendingNotFired() throws Exception {
        start(new RuleSettings(15 * MINUTE, Locale.ENGLISH, Duration.ofMinutes(10)));
        send("i1", reported, 0);
        send("i2", reported, 14 * MINUTE);
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(stages())
                .extracting(s -> s.incidentId + " " + s.level)
                .containsExactly("i1 yellow");
        assertThat(harness.getSideOutput(Pending.TAG))
                .extracting(StreamRecord::getValue)
                .extracting((PendingTimeout p) -> p.key + "@" + p.dueTs / MINUTE)
                .containsExactlyInAnyOrder("i1@30", "i2@24", "i2@44", "i1@1440");
    }

    @Test
    void anUnansweredIncidentIsForgottenADayAfterItsLastRecord() throws Exception {
        start();
        send("i1", reported, 0);
        harness.processWatermark(AckClock.TRACK_MILLIS);
        assertThat(stages())
                .extracting(s -> s.level)
                .containsExactly(AlertLevel.yellow, AlertLevel.orange, null);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anAcknowledgedIncidentIsForgottenADayAfterItsLastRecord() throws Exception {
        start();
        send("i1", reported, 0);
        send("i1", acknowledged, MINUTE);
        harness.processWatermark(MINUTE + AckClock.TRACK_MILLIS - 1);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(MINUTE + AckClock.TRACK_MILLIS);
        assertThat(stages()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
