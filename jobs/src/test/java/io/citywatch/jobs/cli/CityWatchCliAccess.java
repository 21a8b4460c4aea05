package io.citywatch.jobs.cli;

import io.citywatch.common.cli.Commands;

import picocli.CommandLine.Model.OptionSpec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Set;
import java.util.stream.Collectors;

/** What tests outside this package may know of the command line. */
public final class CityWatchCliAccess {
    private CityWatchCliAccess() {}

    public static String mainClass() {
        return CityWatchCli.class.getName();
    }

    /** The option names {@code citywatch simulate} knows. */
    public static Set<String> simulateOptions() {
        return Commands.commandLine(
                        new SimulateCommand(), new PrintStream(OutputStream.nullOutputStream()))
                .getCommandSpec()
                .options()
                .stream()
                .map(OptionSpec::longestName)
                .collect(Collectors.toSet());
    }
}
