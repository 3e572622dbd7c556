package com.bkbcs.storage.bootstrap.cli;

/** The client's exit codes (docs/cli.md). */
public final class ExitCodes {
    public static final int OK = 0;
    /** The server answered with an error (its status and message are printed), or a manifest cannot be sent. */
    public static final int REFUSED = 1;
    /** A usage mistake: picocli's own code for one. */
    public static final int USAGE = 2;
    /** No answer from the server: refused connection, TLS failure, timeout. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
