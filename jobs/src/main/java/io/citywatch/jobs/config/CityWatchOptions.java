package io.citywatch.jobs.config;

import io.citywatch.jobs.cap.CapScope;
import io.citywatch.jobs.cap.CapSettings;
import io.citywatch.jobs.cap.CapStatus;
import io.citywatch.jobs.influx.InfluxApi;
import io.citywatch.jobs.influx.InfluxSinkOptions;
import io.citywatch.jobs.io.Topics;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every setting of the job, typed, with its default and description. The command line ({@code
 * --max-out-of-orderness 45s}) and the {@code run --config} file ({@code max-out-of-orderness=45s})
 * use the same keys.
 */
public final class CityWatchOptions {
    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            ConfigOptions.key("max-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("How far behind the newest event time an event may arrive.");

    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "A partition quiet this long stops holding the watermark back.");

    public static final ConfigOption<Duration> MAX_WATERMARK_DRIFT =
            ConfigOptions.key("max-watermark-drift")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "How far in event time a partition of an input may read ahead of the"
                                    + " slowest of that input while a backlog is caught up"
                                    + " (watermark alignment); 0 switches alignment off.");

    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            ConfigOptions.key("allowed-lateness")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription("Lateness window aggregates accept, re-emitting their row.");

    public static final ConfigOption<Duration> UNKNOWN_HOLD =
            ConfigOptions.key("unknown-hold")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How long a record from an unregistered device waits for its registry"
                                    + " record before it is dead-lettered.");

    public static final ConfigOption<Double> INCIDENT_MATCH_RADIUS =
            ConfigOptions.key("incident-match-radius")
                    .doubleType()
                    .defaultValue(300.0)
                    .withDescription("Metres within which an incident belongs to a risk point.");

    public static final ConfigOption<Duration> CLEAR_AFTER =
            ConfigOptions.key("clear-after")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "An alert whose rule has not matched for this long is cleared.");

    public static final ConfigOption<MessageLocale> LOCALE =
            ConfigOptions.key("locale")
                    .enumType(MessageLocale.class)
                    .defaultValue(MessageLocale.EN)
                    .withDescription("Language of alert messages: en or zh-CN.");

    public static final ConfigOption<String> CAP_SENDER =
            ConfigOptions.key("cap-sender")
                    .stringType()
                    .defaultValue("citywatch.example")
                    .withDescription(
                            "Who sends the CAP messages: your organisation's domain or address, no"
                                    + " spaces, commas, < or &.");

    public static final ConfigOption<CapStatus> CAP_STATUS =
            ConfigOptions.key("cap-status")
                    .enumType(CapStatus.class)
                    .defaultValue(CapStatus.ACTUAL)
                    .withDescription(
                            "CAP status of every message: Actual, or Exercise or Test for drills.");

    public static final ConfigOption<CapScope> CAP_SCOPE =
            ConfigOptions.key("cap-scope")
                    .enumType(CapScope.class)
                    .defaultValue(CapScope.RESTRICTED)
                    .withDescription(
                            "CAP scope: Restricted (to cap-restriction's users), Public, or Private"
                                    + " (to cap-addresses).");

    public static final ConfigOption<String> CAP_RESTRICTION =
            ConfigOptions.key("cap-restriction")
                    .stringType()
                    .defaultValue(
                            "For the city's emergency services only; public release is a duty"
                                    + " officer's decision.")
                    .withDescription("Who may receive the messages when cap-scope is Restricted.");

    public static final ConfigOption<String> CAP_ADDRESSES =
            ConfigOptions.key("cap-addresses")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The receivers when cap-scope is Private, space-separated (CAP"
                                    + " addresses).");

    public static final ConfigOption<String> CAP_SCENARIOS =
            ConfigOptions.key("cap-scenarios")
                    .stringType()
                    .defaultValue(
                            CapSettings.DEFAULT_SCENARIOS.stream()
                                    .map(Enum::name)
                                    .collect(Collectors.joining(",")))
                    .withDescription(
                            "The scenarios whose alerts go to the CAP feed, comma-separated; none"
                                    + " for no feed.");

    public static final ConfigOption<String> CLOUDEVENTS_SOURCE =
            ConfigOptions.key("cloudevents-source")
                    .stringType()
                    .defaultValue("/citywatch/chongqing")
                    .withDescription(
                            "CloudEvents source of the alert and dead-letter records: a URI"
                                    + " reference naming this job, e.g. /citywatch/<city>.");

    public static final ConfigOption<String> REGISTRY_FILE =
            ConfigOptions.key("registry")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("JSON Lines file with the registry loaded at start.");

    public static final ConfigOption<Integer> PARALLELISM =
            ConfigOptions.key("parallelism")
                    .intType()
                    .defaultValue(1)
                    .withDescription("Parallelism of the job.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often the job checkpoints its state.");

    public static final ConfigOption<String> CHECKPOINT_DIR =
            ConfigOptions.key("checkpoint-dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Where the job keeps its checkpoints (a folder, relative to the config"
                                    + " file, or a Flink file system URI). A local run (bin/citywatch"
                                    + " run) keeps them in checkpoints/ beside the config file when"
                                    + " this is unset, and resumes from the latest on start; on a"
                                    + " cluster the cluster's execution.checkpointing.dir applies"
                                    + " when unset.");

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka brokers, host:port[,host:port].");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("kafka.group-id")
                    .stringType()
                    .defaultValue("citywatch")
                    .withDescription("Kafka consumer group of the job.");

    public static final ConfigOption<String> KAFKA_PROPERTIES_FILE =
            ConfigOptions.key("kafka.properties-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Kafka client properties (security.protocol, sasl.*, ssl.*); values"
                                    + " may name environment variables as ${NAME}.");

    public static final ConfigOption<AlertsDelivery> ALERTS_DELIVERY =
            ConfigOptions.key("alerts-delivery")
                    .enumType(AlertsDelivery.class)
                    .defaultValue(AlertsDelivery.AT_LEAST_ONCE)
                    .withDescription("at-least-once or exactly-once (Kafka transactions).");

    public static final ConfigOption<Boolean> DEVICE_AGGREGATES =
            ConfigOptions.key("device-aggregates")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Also write device_1m to InfluxDB: one series per device (opt-in).");

    public static final ConfigOption<String> INFLUX_URL = InfluxSinkOptions.URL;

    public static final ConfigOption<InfluxApi> INFLUX_API = InfluxSinkOptions.API;

    public static final ConfigOption<String> INFLUX_ORG = InfluxSinkOptions.ORG;

    public static final ConfigOption<String> INFLUX_BUCKET = InfluxSinkOptions.BUCKET;

    public static final ConfigOption<String> INFLUX_TOKEN_FILE = InfluxSinkOptions.TOKEN_FILE;

    public static final ConfigOption<String> INFLUX_DB = InfluxSinkOptions.DB;

    public static final ConfigOption<String> INFLUX_RP = InfluxSinkOptions.RP;

    public static final ConfigOption<Integer> INFLUX_BATCH_SIZE = InfluxSinkOptions.BATCH_SIZE;

    public static final ConfigOption<Duration> INFLUX_FLUSH_INTERVAL =
            InfluxSinkOptions.FLUSH_INTERVAL;

    public static final ConfigOption<Integer> INFLUX_MAX_IN_FLIGHT =
            InfluxSinkOptions.MAX_IN_FLIGHT;

    public static final ConfigOption<Integer> INFLUX_MAX_BUFFERED = InfluxSinkOptions.MAX_BUFFERED;

    public static final ConfigOption<Boolean> INFLUX_GZIP = InfluxSinkOptions.GZIP;

    public static final ConfigOption<Duration> INFLUX_REQUEST_TIMEOUT =
            InfluxSinkOptions.REQUEST_TIMEOUT;

    public static final ConfigOption<Duration> INFLUX_RETRY_INITIAL =
            InfluxSinkOptions.RETRY_INITIAL;

    public static final ConfigOption<Duration> INFLUX_RETRY_MAX = InfluxSinkOptions.RETRY_MAX;

    public static final ConfigOption<String> READINGS_TOPIC = topic("readings", Topics.READINGS);
    public static final ConfigOption<String> INCIDENTS_TOPIC = topic("incidents", Topics.INCIDENTS);
    public static final ConfigOption<String> REGISTRY_TOPIC = topic("registry", Topics.REGISTRY);
    public static final ConfigOption<String> ACTIONS_TOPIC =
            topic("alert-actions", Topics.ALERT_ACTIONS);
    public static final ConfigOption<String> ALERTS_TOPIC = topic("alerts", Topics.ALERTS);
    public static final ConfigOption<String> DEADLETTER_TOPIC =
            topic("deadletter", Topics.DEADLETTER);
    public static final ConfigOption<String> ALERTS_CAP_TOPIC =
            topic("alerts-cap", Topics.ALERTS_CAP);

    /** The options that shape the job itself, shared by run and replay. */
    public static final List<ConfigOption<?>> JOB =
            List.of(
                    MAX_OUT_OF_ORDERNESS,
                    IDLENESS,
                    MAX_WATERMARK_DRIFT,
                    ALLOWED_LATENESS,
                    UNKNOWN_HOLD,
                    INCIDENT_MATCH_RADIUS,
                    CLEAR_AFTER,
                    LOCALE,
                    CAP_SENDER,
                    CAP_STATUS,
                    CAP_SCOPE,
                    CAP_RESTRICTION,
                    CAP_ADDRESSES,
                    CAP_SCENARIOS);

    /** The InfluxDB sink's options (the device-aggregates flag included). */
    public static final List<ConfigOption<?>> INFLUX =
            List.of(
                    INFLUX_URL,
                    INFLUX_API,
                    INFLUX_ORG,
                    INFLUX_BUCKET,
                    INFLUX_TOKEN_FILE,
                    INFLUX_DB,
                    INFLUX_RP,
                    INFLUX_BATCH_SIZE,
                    INFLUX_FLUSH_INTERVAL,
                    INFLUX_MAX_IN_FLIGHT,
                    INFLUX_MAX_BUFFERED,
                    INFLUX_GZIP,
                    INFLUX_REQUEST_TIMEOUT,
                    INFLUX_RETRY_INITIAL,
                    INFLUX_RETRY_MAX,
                    DEVICE_AGGREGATES);

    public static final List<ConfigOption<?>> KAFKA =
            List.of(
                    REGISTRY_FILE,
                    PARALLELISM,
                    CHECKPOINT_INTERVAL,
                    CHECKPOINT_DIR,
                    BOOTSTRAP_SERVERS,
                    GROUP_ID,
                    KAFKA_PROPERTIES_FILE,
                    ALERTS_DELIVERY,
                    READINGS_TOPIC,
                    INCIDENTS_TOPIC,
                    REGISTRY_TOPIC,
                    ACTIONS_TOPIC,
                    ALERTS_TOPIC,
                    DEADLETTER_TOPIC,
                    ALERTS_CAP_TOPIC,
                    CLOUDEVENTS_SOURCE);

    private CityWatchOptions() {}

    private static ConfigOption<String> topic(String name, String defaultTopic) {
        return ConfigOptions.key("topic." + name)
                .stringType()
                .defaultValue(defaultTopic)
                .withDescription("Kafka topic " + defaultTopic + ".");
    }
}
