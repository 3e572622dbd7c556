package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.StorageClient;
import com.bkbcs.storage.adapters.httpclient.StorageClientException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

/**
 * What every client command shares: the connection options, the terminal, and the translation of a
 * failure into one line on standard error and an exit code. A usage mistake found while running
 * (an {@link IllegalArgumentException}) goes on to {@code Main}, which prints it with the help hint
 * and exits with 2.
 */
abstract class ClientCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    final Terminal terminal;

    ClientCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public final Integer call() {
        try {
            return run(connection.client());
        } catch (StorageClientException failure) {
            err().println(describe(failure));
            err().flush();
            return failure.kind() == StorageClientException.Kind.UNREACHABLE ? ExitCodes.UNREACHABLE : ExitCodes.REFUSED;
        }
    }

    /** The command's work; returns the exit code. */
    abstract int run(StorageClient client);

    /** One line: the server's message and status, or why it could not be reached. */
    static String describe(StorageClientException failure) {
        return switch (failure.kind()) {
            case REFUSED -> "Error from server (HTTP " + failure.status() + "): " + failure.getMessage();
            case UNREACHABLE -> "Unable to connect to the server: " + failure.getMessage();
            case INVALID_INPUT -> "error: " + failure.getMessage();
        };
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Instant now() {
        return Instant.now();
    }

    /** Progress of a long list on standard error, only when a person is watching a terminal. */
    LongConsumer progress(int chunkSize) {
        if (!terminal.interactive()) {
            return fetched -> { };
        }
        return fetched -> {
            if (chunkSize > 0 && fetched >= chunkSize) {
                err().print("\rfetched " + fetched + " ...");
                err().flush();
            }
        };
    }

    /** Ends a progress line, if one was printed. */
    void progressDone(long fetched, int chunkSize) {
        if (terminal.interactive() && chunkSize > 0 && fetched >= chunkSize) {
            err().println("\rfetched " + fetched + "    ");
            err().flush();
        }
    }
}
