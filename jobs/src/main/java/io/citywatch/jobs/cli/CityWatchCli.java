package io.citywatch.jobs.cli;

import io.citywatch.common.cli.Commands;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bin/citywatch}: the command line of SPEC §6. */
@Command(
        name = "citywatch",
        description = "CityWatch: city-safety risk detection on Apache Flink.",
        synopsisSubcommandLabel = "<command>",
        subcommands = CommandLine.HelpCommand.class,
        footer = {
            "",
            "`citywatch <command> --help` shows a command's options, defaults and an example.",
            "",
            "Example:",
            "  citywatch demo --minutes 1"
        })
public final class CityWatchCli implements Callable<Integer> {
    @CommandLine.Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    private final CommandLine line;

    private CityWatchCli(PrintStream console) {
        line = Commands.commandLine(this, console);
        line.addSubcommand("replay", ReplayCommand.commandLine(console));
        line.addSubcommand("run", RunCommand.commandLine(console));
        line.addSubcommand("demo", Commands.commandLine(new DemoCommand(console), console));
        line.addSubcommand("simulate", Commands.commandLine(new SimulateCommand(console), console));
        line.addSubcommand("bench", bench(console));
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args)));
    }

    static int run(List<String> args) {
        return Commands.run(new CityWatchCli(System.out).line, args);
    }

    /** No command: the usage, as bad usage. */
    @Override
    public Integer call() {
        line.usage(line.getOut());
        return Commands.USAGE_ERROR;
    }

    /**
     * The benchmarks live in the bench module, which depends on this one: bin/citywatch puts it on
     * the classpath, and the command is found by name so that jobs does not depend on it.
     */
    private static Object bench(PrintStream console) {
        try {
            return Class.forName("io.citywatch.bench.BenchCommand")
                    .getMethod("commandLine", PrintStream.class)
                    .invoke(null, console);
        } catch (ClassNotFoundException e) {
            return new NoBench();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(name = "bench", description = "Benchmarks (needs the bench module: bin/citywatch).")
    static final class NoBench implements Callable<Integer> {
        @Override
        public Integer call() {
            return Commands.usageError(
                    "bench needs the bench module on the classpath: run it with bin/citywatch");
        }
    }
}
