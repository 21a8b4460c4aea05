package io.citywatch.common.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a picocli command the way every CityWatch command behaves: {@code --help} prints the usage
 * on the console and exits 0; bad usage prints one line on stderr ({@code citywatch: …}) and exits
 * 2; anything else the command throws goes to the caller.
 */
public final class Commands {
    public static final int USAGE_ERROR = 2;

    private static final Pattern INVALID_VALUE =
            Pattern.compile(
                    "Invalid value for option '([^']+)'(?: \\([^)]*\\))?: (.*)", Pattern.DOTALL);
    private static final Pattern NOT_A_NUMBER =
            Pattern.compile("'(.*)' is not an? (int|long|double)", Pattern.DOTALL);

    private Commands() {}

    /** A command line for {@code command} whose help goes to {@code console}. */
    public static CommandLine commandLine(Object command, PrintStream console) {
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(console, true, StandardCharsets.UTF_8));
        line.setUsageHelpWidth(100);
        // a file name starting with @ is a file name, not a file of arguments
        line.setExpandAtFiles(false);
        return line;
    }

    /**
     * Parses {@code args} and calls the command they name (a {@link Callable} of the exit code).
     */
    public static int run(CommandLine line, List<String> args) {
        CommandLine.ParseResult parsed;
        try {
            parsed = line.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            return usageError(reason(e));
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        List<CommandLine> chain = parsed.asCommandLineList();
        Object command = chain.get(chain.size() - 1).getCommand();
        try {
            return ((Callable<?>) command).call() instanceof Integer code ? code : 0;
        } catch (UsageException e) {
            return usageError(e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Prints the one line of a usage error and returns its exit code. */
    public static int usageError(String reason) {
        System.err.println("citywatch: " + reason);
        return USAGE_ERROR;
    }

    /** What picocli found wrong, said as our other usage errors say it. */
    static String reason(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().get(0);
            if (!argument.startsWith("-")) {
                return e.getCommandLine().getParent() == null
                                && !e.getCommandLine().getSubcommands().isEmpty()
                        ? "unknown command " + argument + " (try: citywatch help)"
                        : "unexpected argument " + argument + " (options start with --)";
            }
            String name =
                    argument.contains("=")
                            ? argument.substring(0, argument.indexOf('='))
                            : argument;
            List<String> nearest = unmatched.getSuggestions();
            return "unknown option "
                    + name
                    + (nearest.isEmpty() ? "" : "; did you mean " + nearest.get(0) + "?");
        }
        if (e instanceof CommandLine.MissingParameterException missing) {
            List<ArgSpec> specs = missing.getMissing();
            if (e.getMessage().startsWith("Missing required option")) {
                return "missing " + names(specs);
            }
            return names(specs) + " needs a value";
        }
        if (e instanceof CommandLine.OverwrittenOptionException overwritten) {
            return names(List.of(overwritten.getOverwritten())) + " is given twice";
        }
        Matcher invalid = INVALID_VALUE.matcher(e.getMessage());
        if (!invalid.matches()) {
            return e.getMessage();
        }
        Matcher number = NOT_A_NUMBER.matcher(invalid.group(2));
        if (number.matches()) {
            return invalid.group(1)
                    + (number.group(2).equals("double")
                            ? " must be a number"
                            : " must be a whole number")
                    + ", got "
                    + number.group(1);
        }
        return invalid.group(1) + ": " + invalid.group(2);
    }

    private static String names(List<ArgSpec> specs) {
        return specs.stream()
                .map(
                        spec ->
                                spec instanceof OptionSpec option
                                        ? option.longestName()
                                        : spec.paramLabel())
                .collect(Collectors.joining(", "));
    }
}
