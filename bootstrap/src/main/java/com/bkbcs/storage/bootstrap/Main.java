package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.bootstrap.cli.AlarmsCommand;
import com.bkbcs.storage.bootstrap.cli.ApplyCommand;
import com.bkbcs.storage.bootstrap.cli.CliFactory;
import com.bkbcs.storage.bootstrap.cli.CompletionCommand;
import com.bkbcs.storage.bootstrap.cli.DeleteCommand;
import com.bkbcs.storage.bootstrap.cli.EventsCommand;
import com.bkbcs.storage.bootstrap.cli.GetCommand;
import com.bkbcs.storage.bootstrap.cli.QueryCommand;
import com.bkbcs.storage.bootstrap.cli.Terminal;
import com.bkbcs.storage.bootstrap.cli.WatchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line: {@code bcs-storage serve [options]}, {@code bench}, and the client commands
 * ({@code get}, {@code apply}, {@code delete}, {@code query}, {@code events}, {@code alarms},
 * {@code watch}, {@code completion}; package {@code cli}, docs/cli.md). A mistake in the options is one line on
 * standard error that names the flag, environment variable or configuration key that was wrong,
 * with a suggestion where there is one, and exit code 2; a start that fails for another reason
 * (a port in use, fixtures the API refuses) is one line and exit code 1. No stack traces.
 */
@Command(name = "bcs-storage", mixinStandardHelpOptions = true, version = "bcs-storage 0.1.0",
        description = "Storage service of BlueKing Container Service.",
        subcommands = {ServeCommand.class, BenchCommand.class, GetCommand.class, ApplyCommand.class, DeleteCommand.class,
                QueryCommand.class, EventsCommand.class, AlarmsCommand.class, WatchCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of a usage or configuration mistake. */
    static final int USAGE = 2;
    /** Exit code of a start that failed for any other reason. */
    static final int FAILED = 1;
    private static final Pattern OPTION_FIRST = Pattern.compile("^(--[a-z][a-z0-9-]*)");

    public static void main(String[] args) {
        int exitCode = commandLine().execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** The command line with the error handling described above. */
    static CommandLine commandLine() {
        return commandLine(Terminal.system());
    }

    /** The command line whose client commands read {@code terminal} (tests give their own). */
    public static CommandLine commandLine(Terminal terminal) {
        CommandLine commandLine = new CommandLine(new Main(), new CliFactory(terminal));
        commandLine.setParameterExceptionHandler(Main::usageMistake);
        commandLine.setExecutionExceptionHandler((failure, failed, parsed) -> failedToRun(failure, failed));
        return commandLine;
    }

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command, e.g. 'serve'");
    }

    private static int usageMistake(ParameterException mistake, String[] args) {
        CommandLine command = mistake.getCommandLine();
        PrintWriter err = command.getErr();
        String source = mistake.getArgSpec() instanceof OptionSpec option ? sourceOf(command, option.longestName()) : "";
        err.println(command.getCommandName() + ": " + mistake.getMessage() + source);
        if (mistake instanceof UnmatchedArgumentException unmatched) {
            unmatched.getUnmatched().stream().filter(arg -> arg.startsWith("-")).findFirst()
                    .flatMap(arg -> closest(arg.replaceFirst("=.*", ""), command.getCommandSpec()))
                    .ifPresent(option -> err.println("Did you mean " + option + "?"));
        }
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return USAGE;
    }

    private static int failedToRun(Exception failure, CommandLine command) {
        PrintWriter err = command.getErr();
        if (failure instanceof IllegalArgumentException) {
            // a value that parsed but makes no sense (--port 70000, a TLS certificate without its key)
            Matcher option = OPTION_FIRST.matcher(failure.getMessage() == null ? "" : failure.getMessage());
            String source = option.find() ? sourceOf(command, option.group(1)) : "";
            err.println(command.getCommandName() + ": " + failure.getMessage() + source);
            err.println("See '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return USAGE;
        }
        StringBuilder line = new StringBuilder(command.getCommandName()).append(": could not run: ").append(failure.getMessage());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !line.toString().contains(cause.getMessage())) {
                line.append(": ").append(cause.getMessage());
            }
        }
        err.println(line);
        err.flush();
        return FAILED;
    }

    /** The option whose name is nearest to {@code given} (at most 2 edits away), if any. */
    static Optional<String> closest(String given, CommandSpec command) {
        String best = null;
        int bestDistance = 3;
        for (OptionSpec option : command.options()) {
            for (String name : option.names()) {
                int distance = distance(given, name);
                if (distance < bestDistance) {
                    best = name;
                    bestDistance = distance;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Edits (insert, delete, replace, swap of neighbours) from {@code a} to {@code b}. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** " (from the environment variable X)" when the option's value came from there, else "". */
    private static String sourceOf(CommandLine command, String option) {
        Optional<String> source = command.getCommandSpec().defaultValueProvider() instanceof LayeredDefaults layered
                ? layered.sourceOf(option) : Optional.empty();
        return source.map(where -> " (from " + where + ")").orElse("");
    }
}
