package com.bkbcs.storage.bootstrap.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Columns of text, left-aligned, three spaces apart, headers in capitals, as kubectl prints them. */
final class Table {
    /** A column: its header and how a row's item gives its cell. */
    record Column(String header, Function<Object, String> cell) {
    }

    private final List<Column> columns;

    Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    static Column column(String header, Function<Object, String> cell) {
        return new Column(header.toUpperCase(Locale.ROOT), cell);
    }

    void print(List<?> items, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (Object item : items) {
            rows.add(columns.stream().map(column -> column.cell().apply(item)).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        rows.forEach(row -> out.println(line(row, widths)));
        out.flush();
    }

    /** One row padded to fixed {@code widths} (a live table cannot know its widths in advance). */
    static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i == cells.length - 1) {
                line.append(cells[i]);
            } else {
                line.append(String.format("%-" + widths[i] + "s   ", cells[i]));
            }
        }
        return line.toString().stripTrailing();
    }

    List<Column> columns() {
        return columns;
    }
}
