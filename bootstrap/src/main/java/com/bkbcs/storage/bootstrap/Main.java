package com.bkbcs.storage.bootstrap;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The command line: {@code bcs-storage serve [options]}. */
@Command(name = "bcs-storage", mixinStandardHelpOptions = true, version = "bcs-storage 0.1.0",
        description = "Storage service of BlueKing Container Service.",
        subcommands = {ServeCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int exitCode = new CommandLine(new Main()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command, e.g. 'serve'");
    }
}
