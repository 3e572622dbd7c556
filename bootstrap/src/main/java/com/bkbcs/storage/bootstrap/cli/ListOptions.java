package com.bkbcs.storage.bootstrap.cli;

import picocli.CommandLine.Option;

/** Paging of lists: the client pages through the server transparently. */
public final class ListOptions {
    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "0",
            description = "At most this many items (default: all).")
    long limit;

    @Option(names = "--chunk-size", paramLabel = "<n>", defaultValue = "500",
            description = "Items per request while paging (0: one request; default: ${DEFAULT-VALUE}).")
    int chunkSize;

    void check() {
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must not be negative");
        }
        if (chunkSize < 0) {
            throw new IllegalArgumentException("--chunk-size must not be negative");
        }
    }
}
