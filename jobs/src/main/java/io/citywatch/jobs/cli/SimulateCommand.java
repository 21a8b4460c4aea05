package io.citywatch.jobs.cli;

import io.citywatch.jobs.config.ConfigException;
import io.citywatch.simulator.GroundTruth;
import io.citywatch.simulator.JsonLinesOutput;
import io.citywatch.simulator.KafkaOutput;
import io.citywatch.simulator.Scenarios;
import io.citywatch.simulator.SimRecord;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;
import io.citywatch.simulator.TopicSetup;

import org.apache.kafka.clients.CommonClientConfigs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * {@code citywatch simulate}: the city simulator and load generator. Writes JSON Lines files for
 * {@code replay}, or sends to Kafka at a paced speed; the ground truth goes beside the output.
 */
final class SimulateCommand {
    static final String USAGE =
            String.join(
                    "\n",
                    "  simulate (--out DIR | --bootstrap-servers HOST:PORT [--kafka-properties F]",
                    "            [--speed 60] [--rate 0] [--truth-out DIR])",
                    "           [--seed 7] [--risk-points 48] [--duration 2h] [--start ISO|now]",
                    "           [--scenarios all|none|NAME[@MINUTE],…] [--malformed-rate 0.002]",
                    "           [--duplicate-rate 0.003] [--out-of-order-rate 0.01] [--late-rate 0.001]",
                    "           [--list-scenarios]");

    private SimulateCommand() {}

    static int run(List<String> argList, PrintStream console) {
        Args args =
                Args.parse(
                        argList,
                        Set.of(
                                "out",
                                "bootstrap-servers",
                                "kafka-properties",
                                "speed",
                                "rate",
                                "truth-out",
                                "seed",
                                "risk-points",
                                "duration",
                                "start",
                                "scenarios",
                                "malformed-rate",
                                "duplicate-rate",
                                "out-of-order-rate",
                                "late-rate"),
                        Set.of("list-scenarios"));
        if (args.has("list-scenarios")) {
            for (Scenarios.Scenario scenario : Scenarios.ALL) {
                console.printf(
                        Locale.ROOT,
                        "%-24s %-10s %-14s minute %3d  %s%n",
                        scenario.name(),
                        scenario.family(),
                        scenario.kind(),
                        scenario.defaultMinute(),
                        scenario.description());
            }
            return 0;
        }
        SimulatorSettings settings = settings(args);
        if (args.has("out") == args.has("bootstrap-servers")) {
            throw new ConfigException("give either --out DIR or --bootstrap-servers HOST:PORT");
        }
        Simulation simulation;
        try {
            simulation = new Simulation(settings);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        System.err.printf(
                Locale.ROOT,
                "citywatch: simulating %d risk points with %d devices, %d scenarios, %s of event"
                        + " time from %s (seed %d)%n",
                simulation.city().sites().size(),
                simulation.city().deviceCount(),
                settings.scenarios.size(),
                format(settings.duration),
                settings.start,
                settings.seed);
        try {
            if (args.has("out")) {
                Path folder = Path.of(args.get("out")).toAbsolutePath();
                GroundTruth truth = JsonLinesOutput.write(simulation, folder);
                console.printf(
                        Locale.ROOT,
                        "wrote %s: %d registry, %d readings, %d incidents; ground truth %d"
                                + " expected alerts, dead letters %s%n",
                        folder,
                        simulation.sent().getOrDefault(SimRecord.Stream.REGISTRY, 0L),
                        simulation.sent().getOrDefault(SimRecord.Stream.READINGS, 0L),
                        simulation.sent().getOrDefault(SimRecord.Stream.INCIDENTS, 0L),
                        truth.alerts().size(),
                        truth.deadLetters());
                return 0;
            }
            return toKafka(args, settings, simulation, console);
        } catch (IOException e) {
            System.err.println("citywatch: cannot write: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            System.err.println("citywatch: simulate failed: " + e.getMessage());
            return 1;
        }
    }

    private static int toKafka(
            Args args, SimulatorSettings settings, Simulation simulation, PrintStream console)
            throws Exception {
        Properties client = new Properties();
        if (args.has("kafka-properties")) {
            client.putAll(RunCommand.readProperties(args.inputFile("kafka-properties"), true));
        }
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, args.get("bootstrap-servers"));
        Path truthFolder =
                Path.of(args.has("truth-out") ? args.get("truth-out") : "simulation-truth")
                        .toAbsolutePath();
        java.nio.file.Files.createDirectories(truthFolder);
        GroundTruth.of(settings).write(truthFolder);
        List<String> created = TopicSetup.ensure(client, Integer.MAX_VALUE, (short) 1);
        if (!created.isEmpty()) {
            System.err.println("citywatch: created topics " + String.join(", ", created));
        }
        double speed = positiveOrZero(args, "speed", 60);
        double rate = positiveOrZero(args, "rate", 0);
        KafkaOutput output = new KafkaOutput(client, speed, rate);
        Thread stopper = new Thread(output::stop, "simulate-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        long sent =
                output.send(
                        simulation,
                        progress ->
                                System.err.printf(
                                        Locale.ROOT,
                                        "simulate: %,d records, %,.0f/s, event time %s of %s%s%n",
                                        progress.records(),
                                        progress.perSecond(),
                                        format(
                                                Duration.ofMillis(
                                                        progress.simTs() - settings.startMs())),
                                        format(settings.duration),
                                        progress.done() ? " (done, average rate)" : ""));
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException e) {
            // shutting down already
        }
        console.printf(
                Locale.ROOT,
                "sent %,d records to %s; ground truth in %s%n",
                sent,
                args.get("bootstrap-servers"),
                truthFolder);
        return 0;
    }

    static SimulatorSettings settings(Args args) {
        SimulatorSettings settings = new SimulatorSettings();
        if (args.has("seed")) {
            settings.seed = parseLong(args, "seed");
        }
        if (args.has("risk-points")) {
            settings.riskPoints = (int) parseLong(args, "risk-points");
        }
        if (args.has("duration")) {
            settings.duration = parseDuration(args.get("duration"), "duration");
        }
        if (args.has("start")) {
            String start = args.get("start");
            try {
                settings.start =
                        start.equals("now")
                                ? Instant.now().truncatedTo(ChronoUnit.SECONDS)
                                : Instant.parse(start);
            } catch (DateTimeParseException e) {
                throw new ConfigException(
                        "--start must be an ISO instant (2026-07-14T00:00:00Z) or now");
            }
        }
        if (args.has("scenarios")) {
            settings.scenarios = scenarios(args.get("scenarios"));
        }
        settings.malformedRate = rate(args, "malformed-rate", settings.malformedRate);
        settings.duplicateRate = rate(args, "duplicate-rate", settings.duplicateRate);
        settings.outOfOrderRate = rate(args, "out-of-order-rate", settings.outOfOrderRate);
        settings.lateRate = rate(args, "late-rate", settings.lateRate);
        return settings;
    }

    static List<SimulatorSettings.Planned> scenarios(String text) {
        if (text.equals("all")) {
            return SimulatorSettings.allScenarios();
        }
        List<SimulatorSettings.Planned> planned = new ArrayList<>();
        if (text.equals("none")) {
            return planned;
        }
        for (String item : text.split(",")) {
            String[] parts = item.trim().split("@", 2);
            Scenarios.Scenario scenario;
            try {
                scenario = Scenarios.named(parts[0]);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--scenarios: " + e.getMessage());
            }
            int minute = scenario.defaultMinute();
            if (parts.length == 2) {
                try {
                    minute = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    minute = -1;
                }
                if (minute < 0) {
                    throw new ConfigException(
                            "--scenarios: " + item + ": the minute after @ must be a number ≥ 0");
                }
            }
            planned.add(new SimulatorSettings.Planned(scenario, minute));
        }
        return planned;
    }

    private static long parseLong(Args args, String name) {
        try {
            return Long.parseLong(args.get(name));
        } catch (NumberFormatException e) {
            throw new ConfigException("--" + name + " must be a whole number");
        }
    }

    private static double rate(Args args, String name, double defaultValue) {
        if (!args.has(name)) {
            return defaultValue;
        }
        double value = positiveOrZero(args, name, defaultValue);
        if (value > 1) {
            throw new ConfigException("--" + name + " is a share between 0 and 1");
        }
        return value;
    }

    private static double positiveOrZero(Args args, String name, double defaultValue) {
        if (!args.has(name)) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(args.get(name));
            if (value >= 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("--" + name + " must be a number ≥ 0");
    }

    static Duration parseDuration(String text, String name) {
        try {
            Duration duration = org.apache.flink.util.TimeUtils.parseDuration(text);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException();
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--" + name + " must be a duration such as 90m or 2h");
        }
    }

    private static String format(Duration duration) {
        long minutes = duration.toMinutes();
        return String.format(Locale.ROOT, "%d:%02d h", minutes / 60, minutes % 60);
    }
}
