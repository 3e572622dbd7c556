package com.bkbcs.storage.bootstrap;

import picocli.CommandLine;

import java.util.Map;

/** Parses serve's arguments as the process would, with {@code environment} as its environment variables. */
final class ServeArguments {
    private ServeArguments() {
    }

    static ServeCommand parse(Map<String, String> environment, String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine commandLine = new CommandLine(serve);
        commandLine.setDefaultValueProvider(new LayeredDefaults(environment::get));
        commandLine.parseArgs(args);
        return serve;
    }
}
