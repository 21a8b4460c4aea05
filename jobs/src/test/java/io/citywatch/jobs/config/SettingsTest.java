package io.citywatch.jobs.config;

import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.cap.CapScope;
import io.citywatch.jobs.cap.CapSettings;
import io.citywatch.jobs.cap.CapStatus;
import io.citywatch.jobs.influx.InfluxApi;

import org.apache.flink.connector.base.DeliveryGuarantee;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Options become immutable settings in one place; a bad value is one line naming the option. */
class SettingsTest {
    @Test
    void defaultsAreTheOptionsDefaults() {
        JobSettings defaults = JobSettings.defaults();
        assertThat(defaults.maxOutOfOrderness)
                .isEqualTo(CityWatchOptions.MAX_OUT_OF_ORDERNESS.defaultValue());
        assertThat(defaults.idleness).isEqualTo(CityWatchOptions.IDLENESS.defaultValue());
        assertThat(defaults.unknownHold).isEqualTo(CityWatchOptions.UNKNOWN_HOLD.defaultValue());
        assertThat(defaults.clearAfter).isEqualTo(CityWatchOptions.CLEAR_AFTER.defaultValue());
        assertThat(defaults.incidentMatchRadiusMeters)
                .isEqualTo(CityWatchOptions.INCIDENT_MATCH_RADIUS.defaultValue());
        assertThat(defaults.locale).isEqualTo(Locale.ENGLISH);
        assertThat(defaults.replay).isFalse();
        assertThat(defaults.clockStopTs).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void enumOptionsTakeTheirWrittenValues() {
        Settings settings =
                Settings.of(
                        Map.of(
                                "locale", "zh-CN",
                                "alerts-delivery", "exactly-once",
                                "influx-api", "v1",
                                "kafka.bootstrap-servers", "localhost:1"));
        assertThat(settings.jobSettings().locale).isEqualTo(Locale.forLanguageTag("zh-CN"));
        assertThat(settings.kafkaSettings().alertsDelivery())
                .isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(settings.get(CityWatchOptions.INFLUX_API)).isEqualTo(InfluxApi.V1);
        assertThat(Settings.of(Map.of()).get(CityWatchOptions.ALERTS_DELIVERY))
                .hasToString("at-least-once");
    }

    @Test
    void aBadEnumValueNamesTheOptionAndTheAllowedValues() {
        assertThatThrownBy(() -> Settings.of(Map.of("locale", "fr")).jobSettings())
                .isInstanceOf(ConfigException.class)
                .hasMessage("locale must be en or zh-CN, got fr");
        assertThatThrownBy(
                        () ->
                                Settings.of(
                                                Map.of(
                                                        "alerts-delivery", "twice",
                                                        "kafka.bootstrap-servers", "x:1"))
                                        .kafkaSettings())
                .hasMessage("alerts-delivery must be at-least-once or exactly-once, got twice");
        assertThatThrownBy(
                        () ->
                                Settings.of(Map.of("influx-api", "v3"))
                                        .get(CityWatchOptions.INFLUX_API))
                .hasMessage("influx-api must be v2 or v1, got v3");
    }

    @Test
    void aBadValueNamesTheOptionAndSaysWhatItIs() {
        assertThatThrownBy(() -> Settings.of(Map.of("idleness", "soon")).jobSettings())
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "bad value for idleness: soon (A partition quiet this long stops holding"
                                + " the watermark back.)");
        assertThatThrownBy(() -> Settings.of(Map.of("clear-after", "0s")).jobSettings())
                .hasMessage("clear-after must be positive");
    }

    @Test
    void replaySettingsAreACopy() {
        JobSettings settings = Settings.of(Map.of("max-out-of-orderness", "45s")).jobSettings();
        JobSettings replay = settings.forReplay(1_000, 2_000);
        assertThat(replay.replay).isTrue();
        assertThat(replay.firstEventTs).isEqualTo(1_000);
        assertThat(replay.clockStopTs).isEqualTo(2_000);
        assertThat(replay.maxOutOfOrderness).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.replay).isFalse();
        assertThat(settings.clockStopTs).isEqualTo(Long.MAX_VALUE);
        assertThat(settings.withClockStop(5).clockStopTs).isEqualTo(5);
    }

    @Test
    void kafkaTopicsThatDoNotFitTheirClientAreAConfigError() {
        Settings settings =
                Settings.of(
                        Map.of(
                                "kafka.bootstrap-servers", "localhost:1",
                                "alerts-delivery", "exactly-once",
                                "checkpoint-interval", "10s"));
        Properties client = new Properties();
        client.put("transaction.timeout.ms", "15000");
        assertThatThrownBy(() -> settings.kafkaTopics(client))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least twice checkpoint-interval");
        assertThatThrownBy(() -> Settings.of(Map.of()).kafkaTopics(new Properties()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("missing kafka.bootstrap-servers");
    }

    @Test
    void theCapFeedDefaultsToRestrictedActualMessagesOfEveryScenarioButDevice() {
        CapSettings cap = JobSettings.defaults().cap;
        assertThat(cap.sender).isEqualTo("citywatch.example");
        assertThat(cap.status).isEqualTo(CapStatus.ACTUAL);
        assertThat(cap.scope).isEqualTo(CapScope.RESTRICTED);
        assertThat(cap.restriction).isEqualTo(CityWatchOptions.CAP_RESTRICTION.defaultValue());
        assertThat(cap.addresses).isNull();
        assertThat(cap.scenarios()).isEqualTo(EnumSet.complementOf(EnumSet.of(Scenario.device)));
        assertThat(cap.locale).isEqualTo(Locale.ENGLISH);
        assertThat(cap.radiusKm).isEqualTo(0.3);
        assertThat(
                        Settings.of(Map.of("kafka.bootstrap-servers", "x:1"))
                                .kafkaSettings()
                                .cloudEventsSource())
                .isEqualTo(URI.create("/citywatch/chongqing"));
    }

    @Test
    void capOptionsAreCheckedWhereTheyEnter() {
        for (String sender : new String[] {"city watch", "a,b", "a<b", "a&b", "", "a\tb"}) {
            assertThatThrownBy(() -> Settings.of(Map.of("cap-sender", sender)).jobSettings())
                    .as(sender)
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(
                            "cap-sender must be non-empty without spaces, commas, < or &, got '"
                                    + sender
                                    + "'");
        }
        assertThat(Settings.of(Map.of("cap-sender", "119@cq.example")).jobSettings().cap.sender)
                .isEqualTo("119@cq.example");
        assertThatThrownBy(() -> Settings.of(Map.of("cap-status", "Drill")).jobSettings())
                .hasMessage("cap-status must be Actual or Exercise or Test, got Drill");
        assertThatThrownBy(() -> Settings.of(Map.of("cap-scope", "Secret")).jobSettings())
                .hasMessage("cap-scope must be Public or Restricted or Private, got Secret");
        assertThatThrownBy(() -> Settings.of(Map.of("cap-scope", "Private")).jobSettings())
                .hasMessage("cap-addresses must list the receivers when cap-scope is Private");
        assertThatThrownBy(() -> Settings.of(Map.of("cap-restriction", " ")).jobSettings())
                .hasMessage(
                        "cap-restriction must say who may receive the messages when cap-scope is"
                                + " Restricted");
        assertThat(
                        Settings.of(Map.of("cap-scope", "public", "cap-restriction", ""))
                                .jobSettings()
                                .cap
                                .restriction)
                .isNull();
    }

    @Test
    void capScenariosAreAListOfScenariosOrNone() {
        assertThat(
                        Settings.of(Map.of("cap-scenarios", "fire, flood;gas"))
                                .jobSettings()
                                .cap
                                .scenarios())
                .containsExactly(Scenario.fire, Scenario.flood, Scenario.gas);
        CapSettings none = Settings.of(Map.of("cap-scenarios", "none")).jobSettings().cap;
        assertThat(none.enabled()).isFalse();
        assertThat(none.includes(Scenario.fire)).isFalse();
        assertThatThrownBy(() -> Settings.of(Map.of("cap-scenarios", "fire,volcano")).jobSettings())
                .hasMessage(
                        "cap-scenarios must list scenarios of [fire, geohazard, flood, gas, bridge,"
                                + " device, incident] separated by commas, or be none; got"
                                + " volcano");
        assertThatThrownBy(() -> Settings.of(Map.of("cap-scenarios", " , ")).jobSettings())
                .hasMessage(
                        "cap-scenarios is empty: list scenarios, or write none for no CAP feed");
    }

    @Test
    void theCloudEventsSourceIsAUriReference() {
        assertThat(
                        Settings.of(
                                        Map.of(
                                                "kafka.bootstrap-servers", "x:1",
                                                "cloudevents-source", "urn:citywatch:yuzhong"))
                                .kafkaSettings()
                                .cloudEventsSource())
                .isEqualTo(URI.create("urn:citywatch:yuzhong"));
        assertThatThrownBy(
                        () ->
                                Settings.of(
                                                Map.of(
                                                        "kafka.bootstrap-servers", "x:1",
                                                        "cloudevents-source", "/city watch"))
                                        .kafkaSettings())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "cloudevents-source must be a URI reference such as /citywatch/chongqing,"
                                + " got /city watch");
    }
}
