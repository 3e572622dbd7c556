package com.bkbcs.storage.bootstrap;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one bench run measured: its phases (printed as a table row each as soon as they end), the
 * comparisons between phases (the service against the raw driver, 1 cluster stored against N) and
 * the store's file size against the live data, printed as tables of their own at the end, and the
 * whole run as one JSON document ({@code --json}).
 */
final class BenchReport {
    private static final String ROW = "%-52s %8d %10.0f %9.2f %9.2f %9.2f %7d%n";

    /**
     * One phase: {@code requests} requests at {@code perSecond}, their latency quantiles, how many
     * failed, and what else the phase knows ({@code extra}: hits of its first query, start time, ...).
     */
    record Phase(String name, int requests, double perSecond, double p50Ms, double p99Ms, double maxMs, int errors,
                 Map<String, Object> extra) {
        Phase {
            Objects.requireNonNull(name, "name");
            extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        }

        static Phase of(String name, Load.Result result) {
            return of(name, result.latencies(), result.seconds(), result.errors());
        }

        static Phase of(String name, long[] latencies, double seconds, int errors) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return new Phase(name, n, n / Math.max(seconds, 1e-9), quantile(sorted, 0.50), quantile(sorted, 0.99),
                    n == 0 ? 0 : sorted[n - 1] / 1e6, errors, Map.of());
        }

        Phase with(String key, Object value) {
            Map<String, Object> more = new LinkedHashMap<>(extra);
            more.put(key, value);
            return new Phase(name, requests, perSecond, p50Ms, p99Ms, maxMs, errors, more);
        }

        private static double quantile(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
        }
    }

    /**
     * {@code measured} against {@code baseline}, in one unit; the ratio is measured / baseline.
     * {@code errors}: failed requests of the two phases; with any, the numbers include fast failures
     * and the ratio says little (the table says so).
     */
    record Comparison(String name, String unit, String baselineLabel, double baseline, String measuredLabel, double measured,
                      int errors) {
        double ratio() {
            return measured / baseline;
        }
    }

    /** The store's files against the JSON bytes of the documents stored, at one moment of the run. */
    record StoreSize(String when, long fileBytes, long liveBytes) {
        double ratio() {
            return (double) fileBytes / liveBytes;
        }
    }

    private final PrintWriter out;
    private final Map<String, Object> run;
    private final List<Phase> phases = new ArrayList<>();
    private final List<Comparison> comparisons = new ArrayList<>();
    private final List<StoreSize> sizes = new ArrayList<>();

    /** {@code run}: what was measured where (date, store, counts), the head of the JSON document. */
    BenchReport(PrintWriter out, Map<String, Object> run) {
        this.out = out;
        this.run = new LinkedHashMap<>(run);
        out.printf(Locale.ROOT, "%-52s %8s %10s %9s %9s %9s %7s%n", "phase", "requests", "req/s", "p50 ms", "p99 ms",
                "max ms", "errors");
        out.flush();
    }

    Phase add(Phase phase) {
        phases.add(phase);
        out.printf(Locale.ROOT, ROW, phase.name(), phase.requests(), phase.perSecond(), phase.p50Ms(), phase.p99Ms(),
                phase.maxMs(), phase.errors());
        out.flush();
        return phase;
    }

    void compare(Comparison comparison) {
        comparisons.add(comparison);
    }

    void size(StoreSize size) {
        sizes.add(size);
    }

    /** The comparisons and the store sizes, as two tables after the phases. */
    void printSummary() {
        if (!comparisons.isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%-62s %22s %22s %8s%n", "comparison", "baseline", "measured", "ratio");
            for (Comparison c : comparisons) {
                out.printf(Locale.ROOT, "%-62s %22s %22s %7.2fx%s%n", c.name(),
                        String.format(Locale.ROOT, "%s %.1f %s", c.baselineLabel(), c.baseline(), c.unit()),
                        String.format(Locale.ROOT, "%s %.1f %s", c.measuredLabel(), c.measured(), c.unit()), c.ratio(),
                        c.errors() == 0 ? "" : "  (" + c.errors() + " requests failed: not comparable)");
            }
        }
        if (!sizes.isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%-52s %12s %12s %8s%n", "store file vs live data", "file MB", "live MB", "ratio");
            for (StoreSize s : sizes) {
                out.printf(Locale.ROOT, "%-52s %12.1f %12.1f %7.1fx%n", s.when(), s.fileBytes() / 1e6, s.liveBytes() / 1e6,
                        s.ratio());
            }
        }
        out.flush();
    }

    void writeJson(Path file) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>(run);
        List<Object> phaseList = new ArrayList<>();
        for (Phase p : phases) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", p.name());
            row.put("requests", p.requests());
            row.put("perSecond", p.perSecond());
            row.put("p50Ms", p.p50Ms());
            row.put("p99Ms", p.p99Ms());
            row.put("maxMs", p.maxMs());
            row.put("errors", p.errors());
            row.putAll(p.extra());
            phaseList.add(row);
        }
        document.put("phases", phaseList);
        List<Object> comparisonList = new ArrayList<>();
        for (Comparison c : comparisons) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", c.name());
            row.put("unit", c.unit());
            row.put("baselineLabel", c.baselineLabel());
            row.put("baseline", c.baseline());
            row.put("measuredLabel", c.measuredLabel());
            row.put("measured", c.measured());
            row.put("ratio", c.ratio());
            row.put("errors", c.errors());
            comparisonList.add(row);
        }
        document.put("comparisons", comparisonList);
        List<Object> sizeList = new ArrayList<>();
        for (StoreSize s : sizes) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("when", s.when());
            row.put("fileBytes", s.fileBytes());
            row.put("liveBytes", s.liveBytes());
            row.put("ratio", s.ratio());
            sizeList.add(row);
        }
        document.put("storeSizes", sizeList);
        StringBuilder json = new StringBuilder();
        render(document, json, "");
        Files.writeString(file, json.append('\n'), StandardCharsets.UTF_8);
    }

    /** Maps, lists, strings, numbers, booleans and null as indented JSON; a number that is not finite is null. */
    private static void render(Object value, StringBuilder json, String indent) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            String inner = indent + "  ";
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(first ? "\n" : ",\n").append(inner);
                string(String.valueOf(entry.getKey()), json);
                json.append(": ");
                render(entry.getValue(), json, inner);
                first = false;
            }
            json.append(first ? "}" : "\n" + indent + "}");
        } else if (value instanceof List<?> list) {
            json.append('[');
            String inner = indent + "  ";
            for (int i = 0; i < list.size(); i++) {
                json.append(i == 0 ? "\n" : ",\n").append(inner);
                render(list.get(i), json, inner);
            }
            json.append(list.isEmpty() ? "]" : "\n" + indent + "]");
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            json.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else {
            string(value.toString(), json);
        }
    }

    private static void string(String s, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
