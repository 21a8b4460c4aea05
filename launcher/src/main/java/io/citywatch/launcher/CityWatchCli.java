package io.citywatch.launcher;

import io.citywatch.bench.BenchCommand;
import io.citywatch.common.cli.Commands;
import io.citywatch.jobs.cli.ReplayCommand;
import io.citywatch.jobs.cli.RunCommand;
import io.citywatch.simulator.cli.SimulateCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bin/citywatch}: the command line of docs/contract.md §6. */
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
        line.addSubcommand("bench", BenchCommand.commandLine(console));
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
}
