package io.citywatch.simulator.cli;

import io.citywatch.common.cli.Commands;
import io.citywatch.common.cli.DurationConverter;
import io.citywatch.common.cli.PropertiesFiles;
import io.citywatch.common.cli.UsageException;
import io.citywatch.simulator.GroundTruth;
import io.citywatch.simulator.JsonLinesOutput;
import io.citywatch.simulator.KafkaOutput;
import io.citywatch.simulator.Scenarios;
import io.citywatch.simulator.SimRecord;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;
import io.citywatch.simulator.TopicSetup;

import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code citywatch simulate}: the city simulator and load generator. Writes JSON Lines files for
 * {@code replay}, or sends to Kafka at a paced speed; the ground truth goes beside the output.
 */
@Command(
        name = "simulate",
        description =
                "The city simulator and load generator: JSON Lines files for replay (--out), or"
                        + " records sent to Kafka at a paced speed (--bootstrap-servers).",
        showDefaultValues = true,
        sortOptions = false,
        footer = {
            "",
            "Examples:",
            "  citywatch simulate --out city --risk-points 12 --duration 40m"
                    + " --scenarios gas_leak@5,fire_confirmed@10",
            "  citywatch simulate --bootstrap-servers localhost:29092 --start now --speed 60"
        })
public final class SimulateCommand implements Callable<Integer> {
    private static final SimulatorSettings DEFAULTS = new SimulatorSettings();

    private final PrintStream console;

    @Option(names = "--out", paramLabel = "DIR", description = "Write JSON Lines files here.")
    Path out;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Send to these Kafka brokers instead (creates missing topics).")
    String bootstrapServers;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description = "Kafka client properties; values may name variables as ${NAME}.")
    Path kafkaProperties;

    @Option(
            names = "--speed",
            paramLabel = "X",
            description = "Kafka: city time runs this many times faster than the wall clock.")
    double speed = 60;

    @Option(
            names = "--rate",
            paramLabel = "N",
            description = "Kafka: records per second at most; 0 paces by --speed alone.")
    double rate = 0;

    @Option(
            names = "--truth-out",
            paramLabel = "DIR",
            description = "Kafka: where the ground truth goes.")
    Path truthOut = Path.of("simulation-truth");

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the city and its events.")
    long seed = DEFAULTS.seed;

    @Option(names = "--risk-points", paramLabel = "N", description = "Risk points of the city.")
    int riskPoints = DEFAULTS.riskPoints;

    @Option(
            names = "--duration",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "Event time simulated, e.g. 90m or 2h.")
    Duration duration = DEFAULTS.duration;

    @Option(
            names = "--start",
            paramLabel = "ISO|now",
            description = "Event time of the first record.")
    String start = DEFAULTS.start.toString();

    @Option(
            names = "--scenarios",
            paramLabel = "all|none|NAME[@MINUTE],…",
            description = "Scenarios injected (see --list-scenarios).")
    String scenarios = "all";

    @Option(
            names = "--malformed-rate",
            paramLabel = "SHARE",
            description = "Share of readings followed by a malformed record.")
    double malformedRate = DEFAULTS.malformedRate;

    @Option(
            names = "--duplicate-rate",
            paramLabel = "SHARE",
            description = "Share of quiet readings sent twice.")
    double duplicateRate = DEFAULTS.duplicateRate;

    @Option(
            names = "--out-of-order-rate",
            paramLabel = "SHARE",
            description = "Share of readings delayed within the out-of-orderness bound.")
    double outOfOrderRate = DEFAULTS.outOfOrderRate;

    @Option(
            names = "--late-rate",
            paramLabel = "SHARE",
            description = "Share of quiet readings delayed past the watermark (late).")
    double lateRate = DEFAULTS.lateRate;

    @Option(names = "--list-scenarios", description = "List the scenarios and stop.")
    boolean listScenarios;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    public SimulateCommand() {
        this(System.out);
    }

    public SimulateCommand(PrintStream console) {
        this.console = console;
    }

    /** Exit code 0, 1 when simulating failed, or 2 with one line on stderr for bad usage. */
    public static int run(List<String> args, PrintStream console) {
        return Commands.run(Commands.commandLine(new SimulateCommand(console), console), args);
    }

    /** {@code java -cp … SimulateCommand --bootstrap-servers …}: the simulator on its own. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out));
    }

    @Override
    public Integer call() {
        if (listScenarios) {
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
        SimulatorSettings settings = settings();
        if ((out != null) == (bootstrapServers != null)) {
            throw new UsageException("give either --out DIR or --bootstrap-servers HOST:PORT");
        }
        Simulation simulation;
        try {
            simulation = new Simulation(settings);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
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
            if (out != null) {
                Path folder = out.toAbsolutePath();
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
            return toKafka(settings, simulation);
        } catch (IOException e) {
            System.err.println("citywatch: cannot write: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (UsageException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("citywatch: simulate failed: " + e.getMessage());
            return 1;
        }
    }

    private int toKafka(SimulatorSettings settings, Simulation simulation) throws Exception {
        Properties client = new Properties();
        if (kafkaProperties != null) {
            client.putAll(
                    PropertiesFiles.read(
                            PropertiesFiles.readable("--kafka-properties", kafkaProperties), true));
        }
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Path truthFolder = truthOut.toAbsolutePath();
        Files.createDirectories(truthFolder);
        GroundTruth.of(settings).write(truthFolder);
        List<String> created = TopicSetup.ensure(client, Integer.MAX_VALUE, (short) 1);
        if (!created.isEmpty()) {
            System.err.println("citywatch: created topics " + String.join(", ", created));
        }
        KafkaOutput output =
                new KafkaOutput(
                        client, positiveOrZero("--speed", speed), positiveOrZero("--rate", rate));
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
                bootstrapServers,
                truthFolder);
        return 0;
    }

    SimulatorSettings settings() {
        SimulatorSettings settings = new SimulatorSettings();
        settings.seed = seed;
        settings.riskPoints = riskPoints;
        settings.duration = duration;
        try {
            settings.start =
                    start.equals("now")
                            ? Instant.now().truncatedTo(ChronoUnit.SECONDS)
                            : Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    "--start must be an ISO instant (2026-07-14T00:00:00Z) or now");
        }
        settings.scenarios = scenarios(scenarios);
        settings.malformedRate = share("--malformed-rate", malformedRate);
        settings.duplicateRate = share("--duplicate-rate", duplicateRate);
        settings.outOfOrderRate = share("--out-of-order-rate", outOfOrderRate);
        settings.lateRate = share("--late-rate", lateRate);
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
                throw new UsageException("--scenarios: " + e.getMessage());
            }
            int minute = scenario.defaultMinute();
            if (parts.length == 2) {
                try {
                    minute = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    minute = -1;
                }
                if (minute < 0) {
                    throw new UsageException(
                            "--scenarios: " + item + ": the minute after @ must be a number ≥ 0");
                }
            }
            planned.add(new SimulatorSettings.Planned(scenario, minute));
        }
        return planned;
    }

    private static double share(String option, double value) {
        if (positiveOrZero(option, value) > 1) {
            throw new UsageException(option + " is a share between 0 and 1");
        }
        return value;
    }

    private static double positiveOrZero(String option, double value) {
        if (value >= 0 && Double.isFinite(value)) {
            return value;
        }
        throw new UsageException(option + " must be a number ≥ 0");
    }

    private static String format(Duration duration) {
        long minutes = duration.toMinutes();
        return String.format(Locale.ROOT, "%d:%02d h", minutes / 60, minutes % 60);
    }
}
