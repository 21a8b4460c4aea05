package io.citywatch.jobs.cli;

import io.citywatch.jobs.config.ConfigException;

import java.util.Arrays;
import java.util.List;

/** {@code bin/citywatch}: the command line of docs/contract.md §6. */
public final class CityWatchCli {
    static final String USAGE =
            String.join(
                    "\n",
                    "usage: citywatch <command> [options]",
                    "  replay --readings F --incidents F --registry F [--actions F]",
                    "         --alerts-out F [--deadletter-out F] [--locale en|zh-CN]",
                    "         [--max-out-of-orderness 30s] [--clear-after 10m]",
                    "         [--influx-url U [--influx-api v1 --influx-db DB | --influx-org O",
                    "          --influx-bucket B] [--device-aggregates]]  (docs/influxdb.md)",
                    "  run --config FILE     the job against Kafka (see README)",
                    "  demo [--minutes N]    the embedded demo: broker, job and simulator",
                    SimulateCommand.USAGE,
                    "  bench [--quick] [--out FILE]  benchmarks (docs/BENCHMARKS.md)",
                    "  help                  this text");

    private CityWatchCli() {}

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args)));
    }

    static int run(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            System.out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> options = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "replay" -> ReplayCommand.run(options, System.out);
                case "run" -> RunCommand.run(options);
                case "demo" -> DemoCommand.run(options, System.out);
                case "simulate" -> SimulateCommand.run(options, System.out);
                case "bench" -> bench(options);
                default ->
                        throw new ConfigException(
                                "unknown command " + args.get(0) + " (try: citywatch help)");
            };
        } catch (ConfigException e) {
            System.err.println("citywatch: " + e.getMessage());
            return 2;
        }
    }

    /**
     * The benchmarks live in the bench module, which depends on this one: bin/citywatch puts it on
     * the classpath, and the call goes through reflection so that jobs does not depend on it.
     */
    private static int bench(List<String> options) {
        Class<?> command;
        try {
            command = Class.forName("io.citywatch.bench.BenchCommand");
        } catch (ClassNotFoundException e) {
            throw new ConfigException(
                    "bench needs the bench module on the classpath: run it with bin/citywatch");
        }
        try {
            return (Integer)
                    command.getMethod("run", List.class, java.io.PrintStream.class)
                            .invoke(null, options, System.out);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof ConfigException config) {
                throw config;
            }
            System.err.println("citywatch: bench failed: " + e.getCause());
            e.getCause().printStackTrace();
            return 1;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
