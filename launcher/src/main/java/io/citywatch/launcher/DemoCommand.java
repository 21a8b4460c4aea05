package io.citywatch.launcher;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.topic.CityTopics;
import io.citywatch.influxd.LocalInfluxd;
import io.citywatch.jobs.config.ConfigException;
import io.citywatch.simulator.ExpectedAlert;
import io.citywatch.simulator.GroundTruth;
import io.citywatch.simulator.KafkaOutput;
import io.citywatch.simulator.SimRecord;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code citywatch demo}: the embedded default. Starts a Kafka broker in-process, the job on a
 * local MiniCluster and the city simulator with every scenario, prints alerts as they fire and, at
 * the end or on Ctrl-C, a summary of what was injected and what was detected. Stops everything it
 * started.
 */
@Command(
        name = "demo",
        description =
                "A Kafka broker in-process, the job on a local Flink MiniCluster and the simulated"
                        + " city with every scenario; prints alerts live and a summary.",
        showDefaultValues = true,
        sortOptions = false,
        footer = {"", "Example:", "  citywatch demo --minutes 1"})
final class DemoCommand implements Callable<Integer> {
    private static final String INFLUX_DB = "citywatch";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long to wait after the simulator's last record for the job to catch up. */
    private static final Duration DRAIN = Duration.ofSeconds(25);

    private static final SimulatorSettings DEFAULTS = new SimulatorSettings();

    private final PrintStream console;

    @Option(
            names = "--minutes",
            paramLabel = "N",
            description = "Wall-clock minutes the city's simulated hours are played in.")
    int minutes = 2;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulated city.")
    int seed = (int) DEFAULTS.seed;

    @Option(names = "--risk-points", paramLabel = "N", description = "Risk points of the city.")
    int riskPoints = DEFAULTS.riskPoints;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    DemoCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        SimulatorSettings settings = new SimulatorSettings();
        settings.seed = atLeastOne("--seed", seed);
        settings.riskPoints = atLeastOne("--risk-points", riskPoints);
        atLeastOne("--minutes", minutes);
        String problem = settings.problem();
        if (problem != null) {
            throw new ConfigException(problem);
        }
        double speed = settings.duration.toMillis() / (minutes * 60_000.0);
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        return new Demo(settings, speed, minutes, colour, console).run();
    }

    private static int atLeastOne(String option, int value) {
        if (value < 1) {
            throw new ConfigException(option + " must be a whole number ≥ 1");
        }
        return value;
    }

    /** One run of the demo. */
    private static final class Demo {
        private final SimulatorSettings settings;
        private final double speed;
        private final int minutes;
        private final boolean colour;
        private final PrintStream console;
        private final List<Alert> alerts = new CopyOnWriteArrayList<>();
        private final Map<String, Long> deadLetters = new ConcurrentHashMap<>();
        private final AtomicBoolean stopRequested = new AtomicBoolean();
        private final CountDownLatch finished = new CountDownLatch(1);
        private final AtomicReference<KafkaOutput> output = new AtomicReference<>();
        private LocalInfluxd influx;
        private Path influxFolder;

        Demo(
                SimulatorSettings settings,
                double speed,
                int minutes,
                boolean colour,
                PrintStream console) {
            this.settings = settings;
            this.speed = speed;
            this.minutes = minutes;
            this.colour = colour;
            this.console = console;
        }

        int run() {
            long started = System.nanoTime();
            Thread hook = new Thread(this::interrupt, "citywatch-demo-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return runDemo(started);
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook is running
                }
            }
        }

        /** Ctrl-C: stop the simulator, let the main thread summarise and clean up, then exit. */
        private void interrupt() {
            stopRequested.set(true);
            KafkaOutput sender = output.get();
            if (sender != null) {
                sender.stop();
            }
            try {
                finished.await(40, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private int runDemo(long started) {
            Simulation simulation = new Simulation(settings);
            GroundTruth truth = GroundTruth.of(settings);
            console.printf(
                    Locale.ROOT,
                    "CityWatch demo: %d risk points with %d devices around Chongqing, %d injected"
                            + " scenarios;%n  %d minutes of city time in %d wall minutes (%.0fx)."
                            + " Ctrl-C stops it early.%n",
                    simulation.city().sites().size(),
                    simulation.city().deviceCount(),
                    settings.scenarios.size(),
                    settings.duration.toMinutes(),
                    minutes,
                    speed);
            influx = startInflux();
            Map<String, String> options = new HashMap<>();
            // city time runs fast: a quiet incident stream must not hold the clock back for long
            options.putAll(LiveCity.eventTimeOptions(speed, Duration.ofSeconds(3)));
            options.put("unknown-hold", "10s");
            options.put("checkpoint-interval", "10s");
            if (influx != null) {
                options.put("influx-url", influx.url());
                options.put("influx-api", "v1");
                options.put("influx-db", INFLUX_DB);
            }
            console.println("  starting Kafka (in-process KRaft) and the job (Flink MiniCluster)…");
            try (LiveCity city = LiveCity.start(options, simulation.registryLines());
                    TopicFeed feed =
                            new TopicFeed(
                                    city.client(),
                                    List.of(CityTopics.ALERTS, CityTopics.DEADLETTER),
                                    this::onRecord)) {
                console.printf(
                        Locale.ROOT,
                        "  Kafka at %s, job %s running; simulator sending…%n%n",
                        city.bootstrapServers(),
                        city.job().getJobID());
                KafkaOutput sender = new KafkaOutput(city.client(), speed, 0);
                output.set(sender);
                if (!stopRequested.get()) {
                    sender.send(simulation, this::onProgress);
                }
                drain(truth, simulation.expectedDeadLetters());
                console.println();
                console.print(summary(simulation, truth, (System.nanoTime() - started) / 1e9));
                console.println("  stopping the job and the broker…");
            } catch (Exception e) {
                System.err.println("citywatch: demo failed: " + rootMessage(e));
                return 1;
            } finally {
                stopInflux(influx);
            }
            console.println("  stopped; nothing left running.");
            return 0;
        }

        /** The local influxd with a fresh database, or null (said why) when it cannot run. */
        private LocalInfluxd startInflux() {
            if (!LocalInfluxd.installed()) {
                console.println(
                        "  InfluxDB output: off (influxd not found; `sudo apt-get install -y"
                                + " influxdb` installs it, then the demo writes every measurement)");
                return null;
            }
            try {
                influxFolder = Files.createTempDirectory("citywatch-demo-influxdb");
                LocalInfluxd influx = LocalInfluxd.start(influxFolder);
                influx.execute("CREATE DATABASE " + INFLUX_DB);
                console.println(
                        "  InfluxDB output: on, database "
                                + INFLUX_DB
                                + " at "
                                + influx.url()
                                + " (a local influxd for this demo)");
                return influx;
            } catch (Exception e) {
                console.println(
                        "  InfluxDB output: off (influxd did not start: " + e.getMessage() + ")");
                return null;
            }
        }

        /** What the demo wrote to InfluxDB, and how to look at it afterwards. */
        private String influxSummary() {
            if (influx == null) {
                return "off";
            }
            try {
                return String.format(
                        Locale.ROOT,
                        "%d alert points, %d risk_point_1m rows in database %s; to look at them"
                                + " later: influxd -config %s, then query %s",
                        count("alert", "version"),
                        count("risk_point_1m", "openAlerts"),
                        INFLUX_DB,
                        influx.config(),
                        influx.url());
            } catch (Exception e) {
                return "written to " + influx.url() + " (could not count: " + e.getMessage() + ")";
            }
        }

        private long count(String measurement, String field) throws Exception {
            List<Map<String, Object>> rows =
                    influx.query(INFLUX_DB, "SELECT count(" + field + ") FROM " + measurement);
            return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("count")).longValue();
        }

        private void stopInflux(LocalInfluxd influx) {
            if (influx == null) {
                return;
            }
            try {
                influx.stop();
            } catch (Exception e) {
                System.err.println("citywatch: stopping influxd: " + e.getMessage());
            }
        }

        /** Waits for the job to catch up: every injected alert and dead letter, or the timeout. */
        private void drain(GroundTruth truth, Map<String, Long> sentDeadLetters)
                throws InterruptedException {
            long deadline = System.nanoTime() + DRAIN.toNanos();
            while (!stopRequested.get() && System.nanoTime() < deadline) {
                GroundTruth.Comparison comparison = truth.compare(alerts);
                if (comparison.missed().isEmpty()
                        && comparison.wrongLevel().isEmpty()
                        && new TreeMap<>(deadLetters).equals(sentDeadLetters)) {
                    Thread.sleep(2_000); // a last look for stragglers
                    return;
                }
                Thread.sleep(500);
            }
        }

        private void onRecord(String topic, String text) {
            if (topic.equals(CityTopics.ALERTS)) {
                Alert alert = AlertRecords.parse(text);
                alerts.add(alert);
                console.println(AlertLine.render(alert, colour));
            } else {
                try {
                    deadLetters.merge(JSON.readTree(text).path("reason").asText(), 1L, Long::sum);
                } catch (Exception e) {
                    deadLetters.merge("unreadable", 1L, Long::sum);
                }
            }
        }

        private long lastProgress;

        private void onProgress(KafkaOutput.Progress progress) {
            long now = System.nanoTime();
            if (!progress.done() && now - lastProgress < 15_000_000_000L) {
                return;
            }
            lastProgress = now;
            long elapsed = (progress.simTs() - settings.startMs()) / 60_000;
            console.printf(
                    Locale.ROOT,
                    "%s  … %,d records sent, city time %d:%02d of %d:%02d, %,d alert changes so"
                            + " far%s%n",
                    colour ? "\u001b[2m" : "",
                    progress.records(),
                    elapsed / 60,
                    elapsed % 60,
                    settings.duration.toMinutes() / 60,
                    settings.duration.toMinutes() % 60,
                    alerts.size(),
                    colour ? "\u001b[0m" : "");
        }

        private String summary(Simulation simulation, GroundTruth truth, double seconds) {
            StringBuilder out = new StringBuilder("CityWatch demo summary\n");
            Map<SimRecord.Stream, Long> sent = simulation.sent();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  events sent      %,d readings, %,d incidents, %,d registry records%s%n",
                            sent.getOrDefault(SimRecord.Stream.READINGS, 0L),
                            sent.getOrDefault(SimRecord.Stream.INCIDENTS, 0L),
                            sent.getOrDefault(SimRecord.Stream.REGISTRY, 0L),
                            stopRequested.get() ? " (stopped early)" : ""));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  dead letters     %s (injected: %s)%n",
                            new TreeMap<>(deadLetters),
                            simulation.expectedDeadLetters()));
            Map<String, AlertLevel> highest = new TreeMap<>();
            Map<String, String> family = new TreeMap<>();
            for (Alert alert : alerts) {
                highest.merge(alert.alertId, alert.level, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                family.put(alert.alertId, alert.scenario.name());
            }
            Map<String, Map<AlertLevel, Integer>> byFamily = new TreeMap<>();
            highest.forEach(
                    (id, level) ->
                            byFamily.computeIfAbsent(family.get(id), f -> new TreeMap<>())
                                    .merge(level, 1, Integer::sum));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  alerts           %d alerts in %d changes%n",
                            highest.size(),
                            alerts.size()));
            byFamily.forEach(
                    (f, levels) ->
                            out.append(String.format(Locale.ROOT, "    %-10s %s%n", f, levels)));
            GroundTruth.Comparison comparison = truth.compare(alerts);
            Map<String, List<ExpectedAlert>> byScenario = new LinkedHashMap<>();
            for (ExpectedAlert expected : truth.alerts()) {
                if (expected.fromTs() <= simulation.settings().startMs() + lastCityMillis()) {
                    byScenario
                            .computeIfAbsent(expected.scenario(), s -> new ArrayList<>())
                            .add(expected);
                }
            }
            int detected = 0;
            out.append("  injected scenarios, detected?\n");
            for (Map.Entry<String, List<ExpectedAlert>> scenario : byScenario.entrySet()) {
                boolean all = comparison.detected().containsAll(scenario.getValue());
                detected += all ? 1 : 0;
                out.append(
                        String.format(
                                Locale.ROOT,
                                "    %s %-24s %s%n",
                                all ? "✓" : "✗",
                                scenario.getKey(),
                                scenario.getValue().stream()
                                        .map(
                                                e ->
                                                        e.ruleId()
                                                                + " "
                                                                + e.level()
                                                                + (comparison.detected().contains(e)
                                                                        ? ""
                                                                        : " (missing)"))
                                        .distinct()
                                        .toList()));
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  detected         %d of %d injected scenarios; %d alerts beyond the"
                                    + " ground truth%n",
                            detected,
                            byScenario.size(),
                            comparison.unexpected().size()));
            for (String unexpected : comparison.unexpected()) {
                out.append("    unexpected: ").append(unexpected).append('\n');
            }
            out.append("  InfluxDB         ").append(influxSummary()).append('\n');
            out.append(String.format(Locale.ROOT, "  took             %.0f s%n", seconds));
            return out.toString();
        }

        private long lastCityMillis() {
            return stopRequested.get() ? latestAlertCityMillis() : settings.duration.toMillis();
        }

        /** When stopped early: scenarios that had started by the latest alert's event time. */
        private long latestAlertCityMillis() {
            return alerts.stream().mapToLong(a -> a.changeTs).max().orElse(settings.startMs())
                    - settings.startMs();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
