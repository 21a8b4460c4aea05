package io.citywatch.jobs.rules.incident;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.IncidentStatus;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.jobs.events.IncidentEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.citywatch.common.model.IncidentCategory.flood;
import static io.citywatch.common.model.IncidentCategory.landslide;
import static io.citywatch.common.model.IncidentStatus.acknowledged;
import static io.citywatch.common.model.IncidentStatus.false_alarm;
import static io.citywatch.common.model.IncidentStatus.reported;
import static io.citywatch.jobs.rules.incident.Incidents.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentClustersTest {
    private final Site underpass = Events.site("rp-up", RiskPointKind.underpass, 1, Map.of());
    private KeyedOneInputStreamOperatorTestHarness<String, IncidentEvent, RuleMatch> harness;

    @BeforeEach
    void setUp() throws Exception {
        start(RuleSettings.defaults());
    }

    private void start(RuleSettings settings) throws Exception {
        if (harness != null) {
            harness.close();
        }
        harness =
                KeyedHarness.open(
                        new IncidentClusters(settings),
                        event -> event.locationKey + "|" + event.incident.category.name());
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(IncidentEvent event) throws Exception {
        harness.processElement(event, event.ts);
    }

    private void report(String id, long millis) throws Exception {
        send(Incidents.at(underpass, id, flood, reported, millis));
    }

    private void update(String id, IncidentStatus status, long millis) throws Exception {
        send(Incidents.at(underpass, id, flood, status, millis));
    }

    private List<RuleMatch> matches() {
        return harness.extractOutputValues();
    }

    @Test
    void threeIncidentsOfOneCategoryWithinTenMinutesAreOrange() throws Exception {
        report("i1", 0);
        report("i2", 4 * MINUTE);
        assertThat(matches()).isEmpty();
        report("i3", 9 * MINUTE);
        assertThat(matches())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.level).isEqualTo(AlertLevel.orange);
                            assertThat(m.locationKey).isEqualTo("rp-up");
                            assertThat(m.deviceId).isNull();
                            assertThat(m.incidentIds).containsExactly("i1", "i2", "i3");
                            assertThat(m.startTs).isZero();
                            assertThat(m.detectTs).isEqualTo(9 * MINUTE);
                            assertThat(m.message)
                                    .isEqualTo("3 flood incidents reported at RP-UP within 10 min");
                        });
    }

    @Test
    void exactlyTenMinutesApartIsWithinAndOneMillisecondMoreIsNot() throws Exception {
        report("i1", 0);
        report("i2", 5 * MINUTE);
        report("i3", 10 * MINUTE + 1);
        assertThat(matches()).isEmpty();
        report("i4", 10 * MINUTE);
        assertThat(matches())
                .singleElement()
                .satisfies(m -> assertThat(m.incidentIds).containsExactly("i1", "i2", "i4"));
    }

    @Test
    void statusUpdatesOfOneIncidentCountOnce() throws Exception {
        report("i1", 0);
        update("i1", acknowledged, MINUTE);
        report("i1", 2 * MINUTE);
        report("i2", 3 * MINUTE);
        update("i2", acknowledged, 4 * MINUTE);
        assertThat(matches()).isEmpty();
    }

    @Test
    void aLateStatusUpdateIsStillTheSameIncident() throws Exception {
        report("i1", 0);
        harness.processWatermark(5 * MINUTE);
        // 20 min on, i1's update must not join i2 and i3 as a third incident
        update("i1", acknowledged, 20 * MINUTE);
        report("i2", 21 * MINUTE);
        report("i3", 22 * MINUTE);
        assertThat(matches()).isEmpty();
    }

    @Test
    void otherCategoriesAndFalseAlarmsDoNotCount() throws Exception {
        report("i1", 0);
        update("i1", false_alarm, MINUTE);
        send(Incidents.at(underpass, "i2", landslide, reported, 2 * MINUTE));
        report("i3", 3 * MINUTE);
        report("i4", 4 * MINUTE);
        assertThat(matches()).isEmpty();
        report("i5", 5 * MINUTE);
        assertThat(matches())
                .singleElement()
                .satisfies(m -> assertThat(m.incidentIds).containsExactly("i3", "i4", "i5"));
    }

    @Test
    void outOfOrderIncidentsCountByTheirEventTime() throws Exception {
        report("i3", 9 * MINUTE);
        report("i1", 0);
        report("i2", 8 * MINUTE + 40_000);
        assertThat(matches())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.incidentIds).containsExactly("i1", "i2", "i3");
                            assertThat(m.startTs).isZero();
                            assertThat(m.detectTs).isEqualTo(9 * MINUTE);
                        });
    }

    @Test
    void aStatusUpdateBeforeTheReportDatesTheIncidentByItsEarliestRecord() throws Exception {
        report("i1", 0);
        report("i2", 5 * MINUTE);
        update("i3", acknowledged, 11 * MINUTE);
        assertThat(matches()).isEmpty();
        // i3's report was at 10 min: within ten minutes of i1 after all
        report("i3", 10 * MINUTE);
        assertThat(matches()).hasSize(1);
    }

    @Test
    void incidentsInAGridCellClusterByTheirCell() throws Exception {
        send(Incidents.inCell("wm7b2x", "g1", flood, reported, 0));
        send(Incidents.inCell("wm7b2x", "g2", flood, reported, MINUTE));
        send(Incidents.inCell("wm7b2y", "g3", flood, reported, 2 * MINUTE));
        assertThat(matches()).isEmpty();
        send(Incidents.inCell("wm7b2x", "g4", flood, reported, 3 * MINUTE));
        assertThat(matches())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.site).isNull();
                            assertThat(m.locationKey).isEqualTo("geo:wm7b2x");
                            assertThat(m.message).contains("at geo:wm7b2x");
                        });
    }

    @Test
    void aRiskPointOverrideChangesSizeAndWindow() throws Exception {
        Site busy =
                Events.site(
                        "rp-up",
                        RiskPointKind.underpass,
                        1,
                        Map.of("incident.clusterSize", 2.0, "incident.clusterWindow", 60.0));
        send(Incidents.at(busy, "i1", flood, reported, 0));
        send(Incidents.at(busy, "i2", flood, reported, 2 * MINUTE));
        assertThat(matches()).isEmpty();
        send(Incidents.at(busy, "i3", flood, reported, 3 * MINUTE));
        assertThat(matches())
                .singleElement()
                .satisfies(m -> assertThat(m.incidentIds).containsExactly("i2", "i3"));
    }

    @Test
    void chineseMessage() throws Exception {
        start(new RuleSettings(Long.MAX_VALUE, Locale.SIMPLIFIED_CHINESE, Duration.ofMinutes(10)));
        report("i1", 0);
        report("i2", MINUTE);
        report("i3", 2 * MINUTE);
        assertThat(matches())
                .singleElement()
                .satisfies(m -> assertThat(m.message).isEqualTo("RP-UP 10 分钟内报告 3 起洪水事件"));
    }

    @Test
    void forgetsIncidentsADayAfterTheirLastRecord() throws Exception {
        report("i1", 0);
        update("i1", acknowledged, 30 * MINUTE);
        report("i2", MINUTE);
        harness.processWatermark(30 * MINUTE + IncidentClusters.MEMORY_MILLIS - 1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        harness.processWatermark(30 * MINUTE + IncidentClusters.MEMORY_MILLIS);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
