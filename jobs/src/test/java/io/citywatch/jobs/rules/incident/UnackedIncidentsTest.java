package io.citywatch.jobs.rules.incident;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.citywatch.jobs.rules.incident.Incidents.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

class UnackedIncidentsTest {
    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());
    private KeyedOneInputStreamOperatorTestHarness<String, AckStage, RuleMatch> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                KeyedHarness.open(
                        new UnackedIncidents(RuleSettings.defaults()), stage -> stage.locationKey);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void stage(String id, AlertLevel level, long reportedMinute, long minute)
            throws Exception {
        AckStage stage = new AckStage();
        stage.incidentId = id;
        stage.locationKey = slope.riskPointId;
        stage.site = slope;
        stage.level = level;
        stage.reportedTs = reportedMinute * MINUTE;
        stage.ts = minute * MINUTE;
        stage.evidence = new Evidence();
        stage.evidence.incidentId = id;
        harness.processElement(stage, stage.ts);
    }

    private List<RuleMatch> matches() {
        return harness.extractOutputValues();
    }

    @Test
    void oneIncidentYellowThenOrangeThenCleared() throws Exception {
        stage("i1", AlertLevel.yellow, 0, 10);
        stage("i1", AlertLevel.orange, 0, 30);
        stage("i1", null, 0, 31);
        assertThat(matches())
                .extracting(m -> m.clear ? "clear" : m.level.name())
                .containsExactly("yellow", "orange", "clear");
        RuleMatch yellow = matches().get(0);
        assertThat(yellow.startTs).isZero();
        assertThat(yellow.incidentIds).containsExactly("i1");
        assertThat(yellow.selfClearing).isTrue();
        assertThat(yellow.message)
                .isEqualTo(
                        "Incident i1 at RP-SLOPE has not been acknowledged 10 min after it was reported");
        assertThat(matches()).extracting(RuleMatch::episodeKey).containsOnly(yellow.episodeKey());
    }

    @Test
    void staysOpenWhileAnyIncidentOfThePlaceIsUnacknowledged() throws Exception {
        stage("i1", AlertLevel.yellow, 0, 10);
        stage("i2", AlertLevel.yellow, 5, 15);
        stage("i1", null, 0, 16);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false);
        stage("i2", AlertLevel.orange, 5, 35);
        assertThat(matches())
                .extracting(m -> m.clear ? "clear" : m.level.name())
                .containsExactly("yellow", "orange");
        assertThat(matches().get(1).incidentIds).containsExactly("i2");
        stage("i2", null, 5, 40);
        assertThat(matches()).extracting(m -> m.clear).containsExactly(false, false, true);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void namesAllUnacknowledgedIncidentsWhenItRises() throws Exception {
        stage("i2", AlertLevel.yellow, 5, 15);
        stage("i1", AlertLevel.orange, 0, 30);
        assertThat(matches().get(1).incidentIds).containsExactly("i1", "i2");
        assertThat(matches().get(1).message)
                .isEqualTo(
                        "2 incidents at RP-SLOPE are not acknowledged, the oldest (i1) for 30 min");
    }
}
