package io.citywatch.bench;

import io.citywatch.common.cli.Commands;
import io.citywatch.common.cli.UsageException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code citywatch bench [--quick] [--out FILE] [--records N] [--scale-devices N,N] [--latency-rate
 * N]}: the seven figures of the benchmark issue in one process run, on one generated data set;
 * prints a table and writes JSON. {@code --quick} runs every figure on tiny data (a CI smoke test,
 * no speed asserted).
 */
@Command(
        name = "bench",
        description =
                "Benchmarks: ingest ceiling, framework tax, full pipeline, rule tax, event-to-alert"
                        + " latency, state per device, InfluxDB sink; a table and JSON"
                        + " (docs/BENCHMARKS.md). --jmh runs the JMH microbenchmarks instead.",
        showDefaultValues = true,
        sortOptions = false,
        footer = {
            "",
            "Examples:",
            "  citywatch bench --quick --out quick.json",
            "  citywatch bench --jmh 'RainSum.*'"
        })
public final class BenchCommand implements Callable<Integer> {
    static final String ALL_BENCHMARKS = "io\\.citywatch\\..*Benchmark";

    private final PrintStream out;

    @Option(names = "--quick", description = "Every figure on tiny data: a smoke test.")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the JSON report goes.")
    Path file = Path.of("citywatch-bench.json");

    @Option(
            names = "--records",
            paramLabel = "N",
            description = "Records of the throughput figures (default: 1000000, quick 20000).")
    Integer records;

    @Option(
            names = "--scale-devices",
            paramLabel = "N,N",
            split = ",",
            description = "Devices of the state figure's runs (default: 100000,1000000).")
    List<Integer> scale;

    @Option(
            names = "--latency-rate",
            paramLabel = "N",
            description =
                    "Readings/s of the latency figure (default: half of the full pipeline's p1"
                            + " rate); a fixed rate compares builds whose p1 rates differ.")
    Integer latencyRate;

    @Option(
            names = "--jmh",
            paramLabel = "REGEX",
            arity = "0..1",
            fallbackValue = ALL_BENCHMARKS,
            description = "Run the JMH microbenchmarks whose class names match.")
    String jmh;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    private BenchCommand(PrintStream out) {
        this.out = out;
    }

    /** The command; its help goes to {@code console}. */
    public static CommandLine commandLine(PrintStream console) {
        return Commands.commandLine(new BenchCommand(console), console);
    }

    /** Sizes of one run. */
    record Sizes(
            int records,
            int riskPoints,
            Duration latencyLength,
            List<Integer> scaleDevices,
            int sinkPoints,
            Duration checkpointInterval,
            Integer latencyRate) {
        static Sizes quick() {
            return new Sizes(
                    20_000,
                    48,
                    Duration.ofSeconds(2),
                    List.of(1_000, 2_000),
                    5_000,
                    Duration.ofSeconds(1),
                    null);
        }

        static Sizes full() {
            return new Sizes(
                    1_000_000,
                    480,
                    Duration.ofSeconds(40),
                    List.of(100_000, 1_000_000),
                    500_000,
                    Duration.ofSeconds(5),
                    null);
        }
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out));
    }

    /** Exit code 0, or 2 with one line on stderr for bad usage; throws when a figure fails. */
    public static int run(List<String> args, PrintStream out) {
        return Commands.run(commandLine(out), args);
    }

    @Override
    public Integer call() throws Exception {
        if (jmh != null) {
            return jmh(jmh);
        }
        Sizes base = quick ? Sizes.quick() : Sizes.full();
        Sizes sizes =
                new Sizes(
                        records == null ? base.records() : positive("--records", records),
                        base.riskPoints(),
                        base.latencyLength(),
                        scale == null ? base.scaleDevices() : scale(scale),
                        base.sinkPoints(),
                        base.checkpointInterval(),
                        latencyRate == null ? null : positive("--latency-rate", latencyRate));
        Report report = new BenchRun(sizes, quick, out).run();
        report.write(file);
        out.println("citywatch bench: figures written to " + file);
        return 0;
    }

    private static List<Integer> scale(List<Integer> devices) {
        devices.forEach(n -> positive("--scale-devices", n));
        return devices;
    }

    private static int positive(String option, int n) {
        if (n < 1) {
            throw new UsageException("bench: " + option + " must be a whole number ≥ 1");
        }
        return n;
    }

    /** The JMH microbenchmarks of the hot paths whose class names match {@code include}. */
    static int jmh(String include) throws Exception {
        new org.openjdk.jmh.runner.Runner(
                        new org.openjdk.jmh.runner.options.OptionsBuilder()
                                .include(include)
                                .build())
                .run();
        return 0;
    }

    /** The machine, for the report: benchmarks are only comparable on the same one. */
    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        machine.put("java", System.getProperty("java.version"));
        machine.put(
                "os",
                String.format(
                        Locale.ROOT,
                        "%s %s %s",
                        System.getProperty("os.name"),
                        System.getProperty("os.version"),
                        System.getProperty("os.arch")));
        return machine;
    }
}
