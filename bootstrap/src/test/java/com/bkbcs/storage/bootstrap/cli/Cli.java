package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.bootstrap.Main;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in process, as a shell would, with captured standard output and error. */
final class Cli {
    /** What a run printed, and its exit code. */
    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    private final String server;
    private final List<String> common = new ArrayList<>();

    private Cli(String server) {
        this.server = server;
    }

    String server() {
        return server;
    }

    static Cli against(String server) {
        return new Cli(server);
    }

    /** Options put after the command on every run (--token-file, --cacert, ...). */
    Cli with(String... options) {
        Cli more = new Cli(server);
        more.common.addAll(common);
        more.common.addAll(List.of(options));
        return more;
    }

    Result run(String... args) {
        return run("", false, args);
    }

    Result run(String stdin, boolean interactive, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.isEmpty() && !all.get(0).equals("completion") && !all.get(0).equals("help")) {
            all.addAll(1, List.of("--server", server));
            all.addAll(1, common);
        }
        return runExactly(stdin, interactive, all.toArray(String[]::new));
    }

    /** Exactly these arguments, no --server added. */
    static Result runExactly(String stdin, boolean interactive, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine(new Terminal(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), interactive));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
