package com.bkbcs.storage.bootstrap.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.Optional;

/**
 * Standard input, and whether a person is at a terminal ({@code System.console() != null}): only then
 * does the client show progress and ask before deleting. Output goes through picocli's writers.
 */
public final class Terminal {
    private final InputStream in;
    private final boolean interactive;
    private BufferedReader lines;

    public Terminal(InputStream in, boolean interactive) {
        this.in = Objects.requireNonNull(in, "in");
        this.interactive = interactive;
    }

    /** This process's standard input and console. */
    public static Terminal system() {
        return new Terminal(System.in, System.console() != null);
    }

    public InputStream in() {
        return in;
    }

    public boolean interactive() {
        return interactive;
    }

    /** The next line typed, or empty at the end of input. */
    synchronized Optional<String> readLine() {
        try {
            if (lines == null) {
                lines = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
            }
            return Optional.ofNullable(lines.readLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
