package io.citywatch.jobs.cap;

import io.citywatch.common.contract.ContractSchemas;
import io.citywatch.common.geo.Distance;
import io.citywatch.common.geo.Geohash;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.config.Settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The CAP 1.2 mapping of docs/contract.md §3.1b, field by field; every message schema-valid. */
class CapMessagesTest {
    static final String ALERT_ID = "562a30457cdb71b725d1bc914d0f4890";
    static final long START = Instant.parse("2026-07-14T00:10:00Z").toEpochMilli();
    static final long DETECT = Instant.parse("2026-07-14T00:12:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    static CapSettings settings(String... keysAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.of(values).jobSettings().cap;
    }

    /** A red fire alert of two detectors at a named tower, as the fire_two_detectors replay. */
    static Alert alert(AlertStatus status, int version) {
        Alert alert = new Alert();
        alert.alertId = ALERT_ID;
        alert.version = version;
        alert.ruleId = "fire.confirmed";
        alert.scenario = Scenario.fire;
        alert.level = AlertLevel.red;
        alert.status = status;
        alert.riskPointId = "rp-p-tower-1";
        alert.riskPointName = "Jiefangbei Tower A";
        alert.kind = RiskPointKind.high_rise;
        alert.district = "Yuzhong";
        alert.grid = "yu-g1";
        alert.lat = 29.56;
        alert.lon = 106.55;
        alert.startTs = START;
        alert.detectTs = DETECT;
        alert.changeTs = DETECT + (version - 1) * 5 * MINUTE;
        alert.deviceIds = new ArrayList<>(List.of("p-t1-smk-12", "p-t1-tmp-12"));
        alert.message = "Fire confirmed by 2 detectors on F12 of Jiefangbei Tower A";
        return alert;
    }

    /** The message, after checking it is one line and valid against the OASIS schema. */
    static CapXml write(Alert alert, List<String> references, CapSettings settings) {
        String xml = CapMessages.write(alert, references, settings);
        assertThat(ContractSchemas.capViolations(xml)).as(xml).isEmpty();
        assertThat(xml).doesNotContain("\n").doesNotContain("\r");
        return CapXml.parse(xml);
    }

    private static CapXml write(Alert alert) {
        return write(alert, List.of(), settings());
    }

    @Test
    void anOpenedAlertIsAnAlertMessageWithEveryFieldOfTheMapping() {
        String xml = CapMessages.write(alert(AlertStatus.open, 1), List.of(), settings());
        CapXml cap = write(alert(AlertStatus.open, 1));

        assertThat(xml)
                .startsWith(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"
                                + "<identifier>562a30457cdb71b725d1bc914d0f4890-v1</identifier>");
        assertThat(cap.text("identifier")).isEqualTo(ALERT_ID + "-v1");
        assertThat(cap.text("sender")).isEqualTo("citywatch.example");
        assertThat(cap.text("sent")).isEqualTo("2026-07-14T08:12:00+08:00");
        assertThat(cap.text("status")).isEqualTo("Actual");
        assertThat(cap.text("msgType")).isEqualTo("Alert");
        assertThat(cap.text("scope")).isEqualTo("Restricted");
        assertThat(cap.text("restriction"))
                .isEqualTo(
                        "For the city's emergency services only; public release is a duty"
                                + " officer's decision.");
        assertThat(cap.text("addresses")).isNull();
        assertThat(cap.text("note")).isNull();
        assertThat(cap.text("references")).isNull();
        assertThat(cap.text("incidents")).isEqualTo(ALERT_ID);

        assertThat(cap.text("language")).isEqualTo("en");
        assertThat(cap.all("category")).containsExactly("Fire");
        assertThat(cap.text("event")).isEqualTo("Fire");
        assertThat(cap.all("responseType")).containsExactly("Evacuate");
        assertThat(cap.text("urgency")).isEqualTo("Immediate");
        assertThat(cap.text("severity")).isEqualTo("Extreme");
        assertThat(cap.text("certainty")).isEqualTo("Observed");
        assertThat(cap.pairs("eventCode"))
                .containsExactly(
                        Map.entry("scenario", "fire"), Map.entry("ruleId", "fire.confirmed"));
        assertThat(cap.text("effective")).isEqualTo("2026-07-14T08:12:00+08:00");
        assertThat(cap.text("onset")).isEqualTo("2026-07-14T08:10:00+08:00");
        assertThat(cap.text("headline"))
                .isEqualTo("Red warning (I): fire at Jiefangbei Tower A, Yuzhong");
        assertThat(cap.text("description"))
                .isEqualTo("Fire confirmed by 2 detectors on F12 of Jiefangbei Tower A");
        assertThat(cap.pairs("parameter"))
                .containsExactly(
                        Map.entry("colour", "red"),
                        Map.entry("level", "I"),
                        Map.entry("ruleId", "fire.confirmed"),
                        Map.entry("riskPointId", "rp-p-tower-1"),
                        Map.entry("deviceIds", "p-t1-smk-12 p-t1-tmp-12"),
                        Map.entry("status", "open"),
                        Map.entry("version", "1"));
        assertThat(cap.text("areaDesc")).isEqualTo("Jiefangbei Tower A, Yuzhong");
        assertThat(cap.text("circle")).isEqualTo("29.56,106.55 0.3");
    }

    @ParameterizedTest
    @EnumSource(AlertStatus.class)
    void eachStatusHasItsMessageTypeUrgencyAndResponse(AlertStatus status) {
        int version = status == AlertStatus.open ? 1 : 3;
        CapXml cap = write(alert(status, version), List.of("earlier"), settings());

        boolean ended =
                EnumSet.of(AlertStatus.resolved, AlertStatus.cleared, AlertStatus.false_alarm)
                        .contains(status);
        String msgType = ended ? "Cancel" : status == AlertStatus.open ? "Alert" : "Update";
        assertThat(cap.text("msgType")).isEqualTo(msgType);
        assertThat(cap.text("urgency")).isEqualTo(ended ? "Past" : "Immediate");
        assertThat(cap.all("responseType"))
                .containsExactly(
                        switch (status) {
                            case resolved, cleared -> "AllClear";
                            case false_alarm -> "None";
                            default -> "Evacuate";
                        });
        assertThat(cap.text("note"))
                .isEqualTo(
                        switch (status) {
                            case resolved -> "Ended: resolved by an operator.";
                            case cleared ->
                                    "Ended: cleared, the condition that raised the alert is over.";
                            case false_alarm -> "Ended: a false alarm, as an operator found.";
                            default -> null;
                        });
        assertThat(cap.text("headline"))
                .isEqualTo(
                        "Red warning (I)"
                                + (ended ? " ended" : "")
                                + ": fire at Jiefangbei Tower A, Yuzhong");
        assertThat(cap.pairs("parameter"))
                .containsEntry("status", status.name())
                .containsEntry("version", String.valueOf(version));
        assertThat(cap.references()).containsExactly("earlier");
        assertThat(cap.text("sent")).isEqualTo(CapMessages.time(alert(status, version).changeTs));
    }

    @Test
    void aChangeAfterTheFirstIsAnUpdateEvenWhenItsStatusIsStillOpen() {
        Alert flapping = alert(AlertStatus.open, 2);
        flapping.flapping = true;

        assertThat(write(flapping).text("msgType")).isEqualTo("Update");
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void eachScenarioHasItsCategoryEventAndResponse(Scenario scenario) {
        Alert alert = alert(AlertStatus.open, 1);
        alert.scenario = scenario;
        if (scenario == Scenario.incident) {
            alert.evidence.add(incident("inc-1", "waterlogging"));
        }
        CapXml cap = write(alert);

        List<String> expected =
                switch (scenario) {
                    case fire -> List.of("Fire", "Fire", "Evacuate", "fire");
                    case geohazard ->
                            List.of("Geo", "Geological hazard", "Evacuate", "geological hazard");
                    case flood -> List.of("Met", "Flood", "Avoid", "flooding");
                    case gas -> List.of("Safety", "Gas leak", "Evacuate", "gas leak");
                    case bridge ->
                            List.of(
                                    "Infra",
                                    "Bridge structural hazard",
                                    "Avoid",
                                    "bridge structural hazard");
                    case device ->
                            List.of(
                                    "Infra",
                                    "Monitoring device fault",
                                    "Assess",
                                    "monitoring device fault");
                    case incident ->
                            List.of("Met", "Reported incident", "Monitor", "reported incident");
                };
        assertThat(cap.all("category")).containsExactly(expected.get(0));
        assertThat(cap.text("event")).isEqualTo(expected.get(1));
        assertThat(cap.all("responseType")).containsExactly(expected.get(2));
        assertThat(cap.text("headline"))
                .isEqualTo(
                        "Red warning (I): " + expected.get(3) + " at Jiefangbei Tower A, Yuzhong");
        assertThat(cap.pairs("eventCode")).containsEntry("scenario", scenario.name());
    }

    @Test
    void anIncidentAlertTakesTheCategoriesOfItsReports() {
        Alert alert = alert(AlertStatus.open, 1);
        alert.scenario = Scenario.incident;
        alert.ruleId = "incident.cluster";
        alert.evidence.add(incident("inc-1", "smoke"));
        alert.evidence.add(incident("inc-2", "landslide"));
        alert.evidence.add(incident("inc-3", "fire"));
        assertThat(write(alert).all("category")).containsExactly("Fire", "Geo");

        Map<String, String> categories =
                Map.of(
                        "flood", "Met",
                        "rockfall", "Geo",
                        "gas_leak", "Safety",
                        "structural", "Infra",
                        "other", "Other");
        categories.forEach(
                (category, capCategory) -> {
                    Alert single = alert(AlertStatus.open, 1);
                    single.scenario = Scenario.incident;
                    single.evidence.add(incident("inc-1", category));
                    assertThat(write(single).all("category"))
                            .as(category)
                            .containsExactly(capCategory);
                });

        Alert none = alert(AlertStatus.open, 1);
        none.scenario = Scenario.incident;
        assertThat(write(none).all("category")).containsExactly("Other");
    }

    @ParameterizedTest
    @EnumSource(AlertLevel.class)
    void eachLevelHasItsSeverityUrgencyColourAndNumeral(AlertLevel level) {
        Alert alert = alert(AlertStatus.open, 1);
        alert.level = level;
        CapXml cap = write(alert);

        List<String> expected =
                switch (level) {
                    case red -> List.of("Extreme", "Immediate", "Red", "I");
                    case orange -> List.of("Severe", "Immediate", "Orange", "II");
                    case yellow -> List.of("Moderate", "Expected", "Yellow", "III");
                    case blue -> List.of("Minor", "Expected", "Blue", "IV");
                };
        assertThat(cap.text("severity")).isEqualTo(expected.get(0));
        assertThat(cap.text("urgency")).isEqualTo(expected.get(1));
        assertThat(cap.text("headline"))
                .startsWith(expected.get(2) + " warning (" + expected.get(3) + "): ");
        assertThat(cap.pairs("parameter"))
                .containsEntry("colour", level.name())
                .containsEntry("level", expected.get(3));
    }

    @Test
    void aFloodHeadlineReadsAsAWarningSignal() {
        Alert alert = alert(AlertStatus.upgraded, 2);
        alert.scenario = Scenario.flood;
        alert.ruleId = "flood.water_level";
        alert.level = AlertLevel.orange;
        alert.riskPointName = "Cuntan Station";
        alert.district = "Jiangbei";

        assertThat(write(alert).text("headline"))
                .isEqualTo("Orange warning (II): flooding at Cuntan Station, Jiangbei");
    }

    @Test
    void certaintyIsObservedWhenTwoDevicesOrAPersonConfirmAndLikelyForOneDevice() {
        Alert one = alert(AlertStatus.open, 1);
        one.deviceIds = new ArrayList<>(List.of("p-t1-smk-12"));
        assertThat(write(one).text("certainty")).isEqualTo("Likely");

        assertThat(write(alert(AlertStatus.open, 1)).text("certainty")).isEqualTo("Observed");

        Alert reported = alert(AlertStatus.open, 1);
        reported.deviceIds = new ArrayList<>(List.of("p-t1-smk-12"));
        reported.incidentIds = new ArrayList<>(List.of("inc-20260714-0042"));
        assertThat(write(reported).text("certainty")).isEqualTo("Observed");

        Alert byPeopleOnly = alert(AlertStatus.open, 1);
        byPeopleOnly.deviceIds = new ArrayList<>();
        byPeopleOnly.incidentIds = new ArrayList<>(List.of("inc-1"));
        CapXml cap = write(byPeopleOnly);
        assertThat(cap.text("certainty")).isEqualTo("Observed");
        assertThat(cap.pairs("parameter")).doesNotContainKey("deviceIds");
    }

    @Test
    void timesAreTheCitysClockToTheSecondAndNeverZ() {
        Alert alert = alert(AlertStatus.escalated, 3);
        alert.changeTs = Instant.parse("2026-07-13T23:59:59.999Z").toEpochMilli();
        alert.startTs = Instant.parse("2026-07-13T16:00:00Z").toEpochMilli();

        CapXml cap = write(alert);
        assertThat(cap.text("sent")).isEqualTo("2026-07-14T07:59:59+08:00");
        assertThat(cap.text("onset")).isEqualTo("2026-07-14T00:00:00+08:00");
        assertThat(CapMessages.reference(settings(), alert))
                .isEqualTo("citywatch.example," + ALERT_ID + "-v3,2026-07-14T07:59:59+08:00");
    }

    @Test
    void referencesListEveryEarlierVersionOldestFirst() {
        CapSettings settings = settings();
        List<String> earlier = new ArrayList<>();
        for (int version = 1; version <= 3; version++) {
            earlier.add(CapMessages.reference(settings, alert(AlertStatus.escalated, version)));
        }
        CapXml cap = write(alert(AlertStatus.resolved, 4), earlier, settings);

        assertThat(cap.references())
                .containsExactly(
                        "citywatch.example," + ALERT_ID + "-v1,2026-07-14T08:12:00+08:00",
                        "citywatch.example," + ALERT_ID + "-v2,2026-07-14T08:17:00+08:00",
                        "citywatch.example," + ALERT_ID + "-v3,2026-07-14T08:22:00+08:00");
    }

    @Test
    void inChineseTheWordsAreChinaWarningSignals() {
        CapSettings chinese = settings("locale", "zh-CN");

        CapXml opened = write(alert(AlertStatus.open, 1), List.of(), chinese);
        assertThat(opened.text("language")).isEqualTo("zh-CN");
        assertThat(opened.text("event")).isEqualTo("火灾");
        assertThat(opened.text("headline")).isEqualTo("红色预警（I级）：Jiefangbei Tower A（Yuzhong）火灾");
        assertThat(opened.text("areaDesc")).isEqualTo("Jiefangbei Tower A（Yuzhong）");
        // what machines read stays the same in every language
        assertThat(opened.all("category")).containsExactly("Fire");
        assertThat(opened.pairs("parameter")).containsEntry("colour", "red");

        CapXml resolved = write(alert(AlertStatus.resolved, 2), List.of("r"), chinese);
        assertThat(resolved.text("note")).isEqualTo("已结束：值班人员已处置完毕。");
        assertThat(resolved.text("headline")).startsWith("红色预警（I级）解除：");
        assertThat(write(alert(AlertStatus.false_alarm, 2), List.of("r"), chinese).text("note"))
                .isEqualTo("已结束：经值班人员核实为误报。");
        assertThat(write(alert(AlertStatus.cleared, 2), List.of("r"), chinese).text("note"))
                .isEqualTo("已结束：预警条件已解除。");

        Map<Scenario, String> events = new LinkedHashMap<>();
        for (Scenario scenario : Scenario.values()) {
            Alert alert = alert(AlertStatus.open, 1);
            alert.scenario = scenario;
            alert.level = AlertLevel.orange;
            CapXml cap = write(alert, List.of(), chinese);
            events.put(scenario, cap.text("event"));
            assertThat(cap.text("headline"))
                    .isEqualTo("橙色预警（II级）：Jiefangbei Tower A（Yuzhong）" + cap.text("event"));
        }
        assertThat(events)
                .containsExactly(
                        Map.entry(Scenario.fire, "火灾"),
                        Map.entry(Scenario.geohazard, "地质灾害"),
                        Map.entry(Scenario.flood, "洪涝"),
                        Map.entry(Scenario.gas, "燃气泄漏"),
                        Map.entry(Scenario.bridge, "桥梁结构隐患"),
                        Map.entry(Scenario.device, "监测设备故障"),
                        Map.entry(Scenario.incident, "突发事件"));
    }

    @Test
    void statusScopeAndSenderComeFromTheSettings() {
        Alert alert = alert(AlertStatus.open, 1);

        CapXml exercise =
                write(alert, List.of(), settings("cap-status", "Exercise", "cap-sender", "cq.gov"));
        assertThat(exercise.text("status")).isEqualTo("Exercise");
        assertThat(exercise.text("sender")).isEqualTo("cq.gov");
        assertThat(write(alert, List.of(), settings("cap-status", "test")).text("status"))
                .isEqualTo("Test");

        CapXml open = write(alert, List.of(), settings("cap-scope", "Public"));
        assertThat(open.text("scope")).isEqualTo("Public");
        assertThat(open.text("restriction")).isNull();
        assertThat(open.text("addresses")).isNull();

        CapXml restricted =
                write(alert, List.of(), settings("cap-restriction", "Yuzhong fire brigade"));
        assertThat(restricted.text("restriction")).isEqualTo("Yuzhong fire brigade");

        CapXml addressed =
                write(
                        alert,
                        List.of(),
                        settings("cap-scope", "Private", "cap-addresses", "119-yuzhong cq-eoc"));
        assertThat(addressed.text("scope")).isEqualTo("Private");
        assertThat(addressed.text("addresses")).isEqualTo("119-yuzhong cq-eoc");
        assertThat(addressed.text("restriction")).isNull();
    }

    @Test
    void theCircleIsTheIncidentMatchRadiusAroundTheRiskPoint() {
        Alert alert = alert(AlertStatus.open, 1);
        alert.lat = 29.5576;
        alert.lon = 106.5772;

        assertThat(
                        write(alert, List.of(), settings("incident-match-radius", "1250"))
                                .text("circle"))
                .isEqualTo("29.5576,106.5772 1.25");
    }

    @Test
    void anIncidentOutsideEveryRiskPointIsTheAreaOfItsGeohashCell() {
        Alert alert = alert(AlertStatus.open, 1);
        alert.scenario = Scenario.incident;
        alert.ruleId = "incident.unacknowledged";
        alert.riskPointId = "geo:wmhp28";
        alert.riskPointName = null;
        alert.kind = null;
        alert.district = null;
        alert.grid = "geo:wmhp28";
        double[] centre = Geohash.centre("wmhp28");
        alert.lat = centre[0];
        alert.lon = centre[1];

        CapXml cap = write(alert);
        assertThat(cap.text("areaDesc")).isEqualTo("geohash cell wmhp28");
        assertThat(cap.text("headline")).endsWith("reported incident at geohash cell wmhp28");
        String[] circle = cap.text("circle").split("[, ]");
        double radiusMetres = Double.parseDouble(circle[2]) * 1000;
        // the corner of a geohash-6 cell: 180/2^15 degrees of latitude, 360/2^15 of longitude
        double corner =
                Distance.meters(
                        centre[0],
                        centre[1],
                        centre[0] + 180.0 / (1 << 15) / 2,
                        centre[1] + 360.0 / (1 << 15) / 2);
        assertThat(radiusMetres).isBetween(corner, corner + 1);
        assertThat(Double.parseDouble(circle[0])).isCloseTo(centre[0], within(1e-6));
        assertThat(write(alert, List.of(), settings("locale", "zh-CN")).text("areaDesc"))
                .isEqualTo("网格 wmhp28");
    }

    @Test
    void aRiskPointWithoutANameIsCalledByItsId() {
        // an alert restored from a savepoint written before alerts carried the name
        Alert alert = alert(AlertStatus.escalated, 2);
        alert.riskPointName = null;

        assertThat(write(alert).text("areaDesc")).isEqualTo("rp-p-tower-1, Yuzhong");
    }

    @Test
    void textNoXmlDocumentMayHoldIsReplacedAndTheMessageStaysOnOneLine() {
        Alert alert = alert(AlertStatus.open, 1);
        alert.riskPointName = "Tower\nA\u0001 & <B>";
        alert.message = "smoke \uD800 on F12\r\n";

        CapXml cap = write(alert);
        assertThat(cap.text("areaDesc")).isEqualTo("Tower A  & <B>, Yuzhong");
        assertThat(cap.text("description")).isEqualTo("smoke \uFFFD on F12  ");
        assertThat(CapMessages.xmlText("火灾 \uD83D\uDD25")).isEqualTo("火灾 \uD83D\uDD25");
    }

    static Evidence incident(String id, String category) {
        Evidence evidence = new Evidence();
        evidence.incidentId = id;
        evidence.type = category;
        evidence.ts = DETECT;
        return evidence;
    }
}
