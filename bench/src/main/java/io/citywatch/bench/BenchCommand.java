package io.citywatch.bench;

import io.citywatch.jobs.config.ConfigException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code citywatch bench [--quick] [--out FILE] [--records N] [--scale-devices N,N]}: the seven
 * figures of the benchmark issue in one process run, on one generated data set; prints a table and
 * writes JSON. {@code --quick} runs every figure on tiny data (a CI smoke test, no speed asserted).
 */
public final class BenchCommand {
    public static final String USAGE =
            "  bench [--quick] [--out FILE] [--records N] [--scale-devices N,N] | bench --jmh [REGEX]\n"
                    + "                        throughput, latency, state size; JMH microbenchmarks";

    /** Sizes of one run. */
    record Sizes(
            int records,
            int riskPoints,
            Duration latencyLength,
            List<Integer> scaleDevices,
            int sinkPoints,
            Duration checkpointInterval) {
        static Sizes quick() {
            return new Sizes(
                    20_000,
                    48,
                    Duration.ofSeconds(2),
                    List.of(1_000, 2_000),
                    5_000,
                    Duration.ofSeconds(1));
        }

        static Sizes full() {
            return new Sizes(
                    1_000_000,
                    480,
                    Duration.ofSeconds(40),
                    List.of(100_000, 1_000_000),
                    500_000,
                    Duration.ofSeconds(5));
        }
    }

    private BenchCommand() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(List.of(args), System.out));
    }

    /** Exit code 0, or 2 with one line on stderr for bad usage; throws when a figure fails. */
    public static int run(List<String> args, PrintStream out) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("--jmh")) {
            return jmh(args.size() > 1 ? args.get(1) : "io\\.citywatch\\..*Benchmark");
        }
        boolean quick = false;
        Path file = Path.of("citywatch-bench.json");
        Integer records = null;
        List<Integer> scale = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--quick" -> quick = true;
                case "--out" -> file = Path.of(value(args, ++i, arg));
                case "--records" -> records = positive(value(args, ++i, arg), arg);
                case "--scale-devices" -> {
                    scale = new ArrayList<>();
                    for (String n : value(args, ++i, arg).split(",")) {
                        scale.add(positive(n.trim(), arg));
                    }
                }
                default -> throw new ConfigException("bench: unknown option " + arg);
            }
        }
        Sizes base = quick ? Sizes.quick() : Sizes.full();
        Sizes sizes =
                new Sizes(
                        records == null ? base.records() : records,
                        base.riskPoints(),
                        base.latencyLength(),
                        scale == null ? base.scaleDevices() : scale,
                        base.sinkPoints(),
                        base.checkpointInterval());
        Report report = new BenchRun(sizes, quick, out).run();
        report.write(file);
        out.println("citywatch bench: figures written to " + file);
        return 0;
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

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new ConfigException("bench: " + option + " needs a value");
        }
        return args.get(i);
    }

    private static int positive(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException("bench: " + option + " must be a whole number ≥ 1");
        }
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
