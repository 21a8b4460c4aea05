package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.testing.Events;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FireConfirmedRuleTest {
    private static final long SECOND = 1000;
    private final Site tower = Events.site("rp-t", RiskPointKind.high_rise, 3, Map.of());

    private FireSignal alarm(String device, String zone, long ts) {
        FireSignal signal = new FireSignal();
        signal.deviceId = device;
        signal.zone = zone;
        signal.site = tower;
        signal.evidence = new Evidence();
        signal.ts = ts;
        return signal;
    }

    private FireSignal incident(long ts) {
        FireSignal signal = new FireSignal();
        signal.incidentId = "inc-1";
        signal.site = tower;
        signal.ts = ts;
        return signal;
    }

    @Test
    void twoDifferentDetectorsOfOneZoneConfirmWithinTheWindowInclusive() {
        assertThat(FireConfirmedRule.confirms(alarm("a", "F1", 0), alarm("b", "F1", 180 * SECOND)))
                .isTrue();
        assertThat(
                        FireConfirmedRule.confirms(
                                alarm("a", "F1", 0), alarm("b", "F1", 180 * SECOND + 1)))
                .isFalse();
    }

    @Test
    void oneDetectorRepeatingItselfNeverConfirms() {
        assertThat(FireConfirmedRule.confirms(alarm("a", "F1", 0), alarm("a", "F1", 10 * SECOND)))
                .isFalse();
    }

    @Test
    void detectorsOnDifferentFloorsDoNotConfirmEachOther() {
        assertThat(FireConfirmedRule.confirms(alarm("a", "F1", 0), alarm("b", "F2", 10 * SECOND)))
                .isFalse();
    }

    @Test
    void withoutZonesTheWholeRiskPointIsOneZone() {
        assertThat(FireConfirmedRule.confirms(alarm("a", null, 0), alarm("b", null, 10 * SECOND)))
                .isTrue();
    }

    @Test
    void anAlarmAndAnIncidentConfirmInEitherOrderButTwoIncidentsDoNot() {
        assertThat(FireConfirmedRule.confirms(alarm("a", "F1", 0), incident(100 * SECOND)))
                .isTrue();
        assertThat(FireConfirmedRule.confirms(incident(0), alarm("a", "F1", 100 * SECOND)))
                .isTrue();
        assertThat(FireConfirmedRule.confirms(incident(0), incident(10 * SECOND))).isFalse();
    }

    @Test
    void aRiskPointOverrideWidensTheWindowUpToThePatternLimit() {
        Site slow =
                Events.site(
                        "rp-t", RiskPointKind.high_rise, 3, Map.of("fire.confirmWindow", 300.0));
        FireSignal a = alarm("a", "F1", 0);
        a.site = slow;
        FireSignal b = alarm("b", "F1", 299 * SECOND);
        b.site = slow;
        assertThat(FireConfirmedRule.confirms(a, b)).isTrue();
    }
}
