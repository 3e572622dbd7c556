package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.Documents;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code -o table|wide|json|yaml|name}. json and yaml print the documents as the server returns them
 * (a list as an array), so {@code --field} projects them; table and wide print columns; name prints
 * {@code type/name}, one a line.
 */
public final class Output {
    /** The formats. */
    enum Format {
        TABLE, WIDE, JSON, YAML, NAME
    }

    @Option(names = {"-o", "--output"}, paramLabel = "table|wide|json|yaml|name", defaultValue = "table",
            completionCandidates = Formats.class, description = "Output format (default: ${DEFAULT-VALUE}).")
    String output;

    /** The completion candidates of -o. */
    static final class Formats extends java.util.ArrayList<String> {
        Formats() {
            super(List.of("table", "wide", "json", "yaml", "name"));
        }
    }

    Format format() {
        try {
            return Format.valueOf(output.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--output must be one of table, wide, json, yaml, name; was '" + output + "'", e);
        }
    }

    boolean wide() {
        return format() == Format.WIDE;
    }

    /** A list: a table (or "No resources found." on standard error), an array, or names. */
    void list(List<Object> items, Table table, Function<Object, String> name, PrintWriter out, PrintWriter err) {
        switch (format()) {
            case TABLE, WIDE -> {
                if (items.isEmpty()) {
                    err.println("No resources found.");
                    err.flush();
                } else {
                    table.print(items, out);
                }
            }
            case JSON -> out.println(Documents.toPrettyJson(items));
            case YAML -> out.print(Documents.toYaml(items));
            case NAME -> items.forEach(item -> out.println(name.apply(item)));
        }
        out.flush();
    }

    /** One document: a table of one row, the object itself, or its name. */
    void one(Object item, Table table, Function<Object, String> name, PrintWriter out) {
        switch (format()) {
            case TABLE, WIDE -> table.print(List.of(item), out);
            case JSON -> out.println(Documents.toPrettyJson(item));
            case YAML -> out.print(Documents.toYaml(item));
            case NAME -> out.println(name.apply(item));
        }
        out.flush();
    }
}
