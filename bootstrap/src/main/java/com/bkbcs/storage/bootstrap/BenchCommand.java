package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.mongo.DriverCeiling;
import com.bkbcs.storage.bootstrap.BenchReport.Comparison;
import com.bkbcs.storage.bootstrap.BenchReport.Phase;
import com.bkbcs.storage.bootstrap.BenchReport.StoreSize;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * {@code bench}: measures the service over HTTP the way agents and consoles use it: concurrent
 * puts of pod-shaped documents (~3.5 KB), gets by identity, namespace lists, label-selector lists,
 * filtered lists and typed queries. Without {@code --url} it starts the service on embedded
 * defaults in a temporary directory, so one command measures the whole stack on this machine; on
 * the embedded store it also measures in the same run what a bare driver gets out of the same
 * store (its ceilings), the store's file against the live data, and optionally the time to start
 * on the filled directory. Only loopback or the given URL is ever contacted; every loop is bounded
 * by its count or its time.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Measure throughput and latency of the HTTP API with concurrent clients.",
                "On the embedded store the bench starts itself (no --url), it also measures in the same run: the raw "
                        + "mongodb-driver-sync client against the same embedded server (replaceOne upsert and find by _id "
                        + "of the same pod documents in a collection of its own, bench_raw, with the same --clients), and "
                        + "the store's file size against the JSON bytes of the documents stored.",
                "--clusters N fills N clusters and runs the query phases on the first one twice: with 1 cluster stored "
                        + "and with N; the comparison table shows both p50s and their ratio.",
                "--startup stops the service cleanly at the end and starts it again on the same data directory, in "
                        + "this (warm) JVM: the time from the start call until GET /readyz answers 200 (opening the "
                        + "stores, their indexes, the HTTP server; a new JVM adds its class loading, ~0.7 s).",
                "--overwrites S overwrites 2,000 documents of ~1 KB for S seconds, on a fresh embedded store of its "
                        + "own (or in a cluster of its own with --url / --store memory)."})
final class BenchCommand implements Callable<Integer> {
    private static final int NAMESPACES = 10;
    private static final int SOAK_WINDOW_SECONDS = 10;
    /** Pods of one creation-time window of the typed query: every 10th pod is Pending, so about 20 hits. */
    private static final int WINDOW = 200;
    private static final int OVERWRITTEN = 2_000;
    private static final String RAW_COLLECTION = "bench_raw";

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", description = "Base URL of a running service (e.g. http://127.0.0.1:8080); "
            + "when absent, the service is started on embedded defaults in a temporary directory. The bench writes "
            + "--resources pods into a cluster of its own (BENCH-<uuid>, and BENCH-<uuid>-<k> for --clusters) there "
            + "and deletes them at the end.")
    String url;

    @Option(names = "--resources", defaultValue = "5000", description = "Pods to put (into each cluster), then to get.")
    int resources;

    @Option(names = "--queries", defaultValue = "500", description = "Requests of each list and query phase; 0 skips them.")
    int queries;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (also of the raw driver).")
    int clients;

    @Option(names = "--query-clients", defaultValue = "1", description = "Concurrent clients of the typed query, "
            + "labelSelector and filtered list phases, whose p50 with 1 cluster stored is compared with N: one measures "
            + "what a query costs; many measure mostly their queue on a small machine, and past the store's 5 s "
            + "operation timeout they fail.")
    int queryClients;

    @Option(names = "--clusters", defaultValue = "1", description = "Clusters to fill with --resources pods each; the "
            + "query phases run on the first, once with it alone stored and once with all N.")
    int clusters;

    @Option(names = "--store", defaultValue = "embedded", paramLabel = "memory|embedded",
            converter = ServeCommand.StoreKindConverter.class,
            description = "Stores of the service the bench starts (ignored with --url).")
    ServerConfig.StoreKind store;

    @Option(names = "--watchers", defaultValue = "4", description = "Change streams open during the watch phase "
            + "(a PUT storm of --resources new pods); 0 skips the phase.")
    int watchers;

    @Option(names = "--startup", description = "At the end, stop the embedded service cleanly and measure starting it "
            + "again on the same data directory until /readyz answers 200 (needs the embedded store, no --url).")
    boolean startup;

    @Option(names = "--watch-history", defaultValue = "3600", paramLabel = "SECONDS", description = "The "
            + "--watch-history of the embedded services the bench starts: how long the change log keeps every "
            + "change, which under steady writes is most of what the store holds (serve's default).")
    long watchHistory;

    @Option(names = "--soak", defaultValue = "0", paramLabel = "SECONDS", description = "A mixed load on the "
            + "first cluster for this long, with --clients clients: of every 10 requests 3 overwrite a pod, 3 get one, "
            + "1 lists a namespace (limit 100), 1 runs the typed query, 2 append an event (so the cluster's event "
            + "journal grows through the run); prints the requests per second of every 10 s and compares the "
            + "last 10 s with the first. 0 skips the phase.")
    int soak;

    @Option(names = "--overwrites", defaultValue = "0", paramLabel = "SECONDS", description = "Overwrite "
            + OVERWRITTEN + " documents of ~1 KB for this long with --clients clients; prints the store file before and "
            + "after against the live data, and the longest request; 0 skips the phase.")
    int overwrites;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every measured phase, comparison and "
            + "store size as one JSON document to FILE.")
    Path json;

    @Option(names = "--log-level", defaultValue = "info", paramLabel = "LEVEL", description = "Level of the service's log "
            + "on standard output, as for serve: info keeps the access log (one line per request) and its cost, as a "
            + "served instance has; warn keeps the table readable, but then the numbers leave that cost out.")
    String logLevel;

    @Option(names = "--testkit", description = "Instead of the HTTP phases, measure what the testkit does before tests: "
            + "starting the whole service on the memory stores, and emptying them (with --resources pods stored).")
    boolean testkit;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** JSON bytes of every document the bench has stored and not deleted, by id: the live data. */
    private final Map<String, Integer> live = new ConcurrentHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (testkit) {
            return testkit(out);
        }
        validate();
        Logging.configure(Logging.level(logLevel), Logging.Format.TEXT);
        boolean embedded = url == null && store == ServerConfig.StoreKind.EMBEDDED;
        Path temp = null;
        RunningApp app = null;
        String cluster = "BENCH-" + UUID.randomUUID();
        List<String> cleanup = new ArrayList<>();
        BenchReport report = null;
        try {
            if (url == null) {
                if (embedded) {
                    temp = Files.createTempDirectory("bcs-bench");
                    app = RunningApp.start(ServerConfig.embedded(temp), OperabilityConfig.defaults(), retention());
                } else {
                    app = RunningApp.start(ServerConfig.memory());
                }
            }
            String service = app == null ? url : "http://127.0.0.1:" + app.port();
            err.println("bench cluster " + cluster + " (its pods are deleted at the end)");
            report = new BenchReport(out, runDescription(embedded));
            Load load = new Load(clients);
            List<String> names = new ArrayList<>();
            for (int k = 0; k < clusters; k++) {
                names.add(k == 0 ? cluster : cluster + "-" + (k + 1));
            }
            cleanup.addAll(names);
            Phase put = report.add(phase(err, "put pod (~3.5 KB)", load.run(resources, i -> putPod(service, cluster, i))));
            Optional<Path> mongoFiles = Optional.ofNullable(temp).map(dir -> dir.resolve("mongo"));
            Optional<String> rawUri = app == null ? Optional.empty() : app.embeddedMongoUri();
            Phase get = report.add(phase(err, "get pod by identity", load.run(resources, i -> send(get(dynamic(service, cluster)
                    + "ns-" + (i % NAMESPACES) + "/Pod/pod-" + i)))));
            if (rawUri.isPresent()) {
                ceilings(report, load, err, rawUri.get(), app.mongoDatabase(), cluster, put, get);
            }
            if (mongoFiles.isPresent()) {
                report.size(new StoreSize("after loading 1 cluster (+ raw copies)", size(mongoFiles.get()), liveBytes()));
            }
            if (queries > 0) {
                String dynamic = dynamic(service, cluster);
                report.add(phase(err, "list namespace, limit 100", load.run(queries, i -> send(get(dynamic + "ns-"
                        + (i % NAMESPACES) + "/Pod?limit=100&offset=" + (i % 4) * 100)))));
                report.add(phase(err, "list namespace, field projection", load.run(queries, i -> send(get(dynamic + "ns-"
                        + (i % NAMESPACES) + "/Pod?field=resourceName,data.status.phase")))));
            }
            Load queryLoad = new Load(queryClients);
            List<Phase> alone = queryPhases(report, queryLoad, err, service, cluster, "");
            if (clusters > 1) {
                int others = clusters - 1;
                report.add(phase(err, "fill " + others + " more clusters (put pod)", load.run(resources * others,
                        i -> putPod(service, names.get(1 + i % others), i / others))));
                if (mongoFiles.isPresent()) {
                    report.size(new StoreSize("after loading " + clusters + " clusters (+ raw copies)",
                            size(mongoFiles.get()), liveBytes()));
                }
                List<Phase> crowded = queryPhases(report, queryLoad, err, service, cluster, ", " + clusters + " clusters");
                for (int q = 0; q < alone.size(); q++) {
                    report.compare(new Comparison(alone.get(q).name() + " p50, 1 vs " + clusters + " clusters", "ms",
                            "1:", alone.get(q).p50Ms(), clusters + ":", crowded.get(q).p50Ms(),
                            alone.get(q).errors() + crowded.get(q).errors()));
                }
            }
            if (soak > 0) {
                soak(report, load, err, service, cluster);
            }
            if (watchers > 0) {
                WatchBench watch = new WatchBench(client, service, cluster, watchers, clients, resources);
                watch.run(report, err);
                for (int i = 0; i < resources; i++) {
                    live.put(cluster + "/ns-" + (i % NAMESPACES) + "/watch-" + i, bytes(WatchBench.watchPod(i)));
                }
            }
            if (startup) {
                app.close();
                app = restart(report, err, temp, cluster);
            }
            if (overwrites > 0) {
                String target = cluster + "-overwrites";
                if (!embedded) {
                    cleanup.add(target);
                    report.add(overwrite(load, err, service, target, Optional.empty(), report));
                } else {
                    Path own = Files.createTempDirectory("bcs-bench-overwrites");
                    try (RunningApp fresh = RunningApp.start(ServerConfig.embedded(own), OperabilityConfig.defaults(), retention())) {
                        report.add(overwrite(load, err, "http://127.0.0.1:" + fresh.port(), target,
                                Optional.of(own.resolve("mongo")), report));
                        long held = DriverCeiling.dataBytes(fresh.embeddedMongoUri().orElseThrow(), fresh.mongoDatabase());
                        report.size(new StoreSize("overwrites: after " + overwrites + " s, vs all the store holds",
                                size(own.resolve("mongo")), held));
                        fresh.close();
                        report.size(new StoreSize("overwrites: after the clean stop", size(own.resolve("mongo")),
                                overwrittenBytes()));
                    } finally {
                        deleteRecursively(own);
                    }
                }
            }
            return 0;
        } finally {
            if (report != null) {
                // what was measured is kept, also when a phase ended the run
                report.printSummary();
                if (json != null) {
                    report.writeJson(json);
                    err.println("wrote " + json);
                }
            }
            if (url != null) {
                // the pods the bench wrote go away with it from a service given by --url
                for (String name : cleanup) {
                    client.send(HttpRequest.newBuilder(URI.create(url + "/bcsstorage/v1/k8s/dynamic/all_resources/clusters/"
                            + name + "/Pod")).timeout(Duration.ofSeconds(600)).DELETE().build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
            if (app != null) {
                app.close();
            }
            if (temp != null) {
                deleteRecursively(temp);
            }
        }
    }

    /**
     * The raw driver against the same embedded server: the pods the service was given, upserted and
     * then found by {@code _id} in a collection of their own, by as many clients; each compared with
     * the service's phase.
     */
    private void ceilings(BenchReport report, Load load, PrintWriter err, String uri, String database, String cluster,
                          Phase put, Phase get) throws InterruptedException {
        try (DriverCeiling ceiling = DriverCeiling.open(uri, database, RAW_COLLECTION, resources,
                i -> cluster + "/ns-" + (i % NAMESPACES) + "/Pod/pod-" + i, BenchCommand::pod)) {
            Phase upsert = report.add(phase(err, "raw driver: replaceOne upsert by _id", load.run(resources, i -> {
                ceiling.upsert(i);
                live.put("raw/" + i, bytes(pod(i)));
            })));
            Phase find = report.add(phase(err, "raw driver: find by _id", load.run(resources, i -> {
                if (!ceiling.find(i)) {
                    throw new IllegalStateException("raw document " + i + " not found");
                }
            })));
            report.compare(new Comparison("PUT vs raw driver upsert by _id", "/s", "raw", upsert.perSecond(),
                    "service", put.perSecond(), upsert.errors() + put.errors()));
            report.compare(new Comparison("GET vs raw driver find by _id", "/s", "raw", find.perSecond(),
                    "service", get.perSecond(), find.errors() + get.errors()));
        }
    }

    /**
     * With the service stopped cleanly: its files, then a start on the same data directory, timed
     * until {@code /readyz} answers 200, and one pod read back. Answers the started service, or null
     * when it did not start (a failed phase: the run goes on without it).
     */
    private RunningApp restart(BenchReport report, PrintWriter err, Path dataDir, String cluster)
            throws IOException, InterruptedException {
        Path files = dataDir.resolve("mongo");
        long stopped = size(files);
        report.size(new StoreSize("after the clean stop", stopped, liveBytes()));
        long t0 = System.nanoTime();
        RunningApp app;
        try {
            app = RunningApp.start(ServerConfig.embedded(dataDir), OperabilityConfig.defaults(), retention());
        } catch (RuntimeException e) {
            long failed = System.nanoTime() - t0;
            err.println("the service did not start again on its data directory: " + e.getMessage());
            report.add(Phase.of("start until /readyz 200", new long[]{failed}, failed / 1e9, 1)
                    .with("failure", String.valueOf(e.getMessage())).with("storeFileBytes", stopped));
            return null;
        }
        long started = System.nanoTime() - t0;
        String restarted = "http://127.0.0.1:" + app.port();
        awaitReady(restarted);
        long ready = System.nanoTime() - t0;
        int missing = 0;
        try {
            send(get(dynamic(restarted, cluster) + "ns-0/Pod/pod-0"));
        } catch (IOException | IllegalStateException e) {
            missing = 1;
            err.println("after the restart pod-0 of the bench cluster is not there: " + e.getMessage());
        }
        report.add(Phase.of("start until /readyz 200", new long[]{ready}, ready / 1e9, missing)
                .with("readyMs", ready / 1e6).with("startReturnedMs", started / 1e6)
                .with("storedPods", (long) resources * clusters + (watchers > 0 ? resources : 0))
                .with("storeFileBytes", stopped));
        report.size(new StoreSize("started again, ready", size(files), liveBytes()));
        return app;
    }

    private void validate() {
        if (resources < 1 || queries < 0 || clusters < 1 || overwrites < 0 || watchers < 0 || clients < 1 || queryClients < 1
                || watchHistory < 1 || soak < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resources, --clusters, --clients, --watch-history and "
                    + "--query-clients must be at least 1; --queries, --watchers, --soak and --overwrites at least 0");
        }
        if (startup && (url != null || store != ServerConfig.StoreKind.EMBEDDED)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--startup restarts the embedded store the bench starts itself: it cannot be combined with --url "
                            + "or --store memory");
        }
    }

    private Map<String, Object> runDescription(boolean embedded) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("date", Instant.now().toString());
        run.put("store", url != null ? "url" : embedded ? "embedded" : "memory");
        run.put("url", url);
        run.put("resources", resources);
        run.put("clusters", clusters);
        run.put("clients", clients);
        run.put("queryClients", queryClients);
        run.put("queries", queries);
        run.put("watchers", watchers);
        run.put("overwriteSeconds", overwrites);
        run.put("soakSeconds", soak);
        run.put("watchHistorySeconds", watchHistory);
        run.put("startup", startup);
        run.put("processors", Runtime.getRuntime().availableProcessors());
        run.put("java", System.getProperty("java.version"));
        return run;
    }

    /**
     * The three query phases whose cost should follow the cluster, not the store: a typed query with
     * about 20 hits (Pending pods of a creation-time window of {@value #WINDOW} pods), a label selector
     * over the cluster ({@code resources / 50} hits), and a filtered namespace list (pods of one node:
     * {@code resources / 200} hits). Each phase records the hits of its first request.
     */
    private List<Phase> queryPhases(BenchReport report, Load load, PrintWriter err, String base, String cluster,
                                    String suffix) throws InterruptedException {
        if (queries == 0) {
            return List.of();
        }
        String query = base + "/bcsstorage/v1/query/k8s/dynamic/clusters/" + cluster + "/pod";
        int windows = Math.max(1, resources - WINDOW);
        List<Phase> phases = new ArrayList<>();
        phases.add(report.add(query(err, "typed query: Pending, createTime window" + suffix, load, i -> {
            long begin = 1_500_000_000L + (long) (i * 37 % windows) * 60L;
            return query + "?status=Pending&createTimeBegin=" + begin + "&createTimeEnd=" + (begin + WINDOW * 60L - 1)
                    + "&field=resourceName";
        })));
        String all = base + "/bcsstorage/v1/k8s/dynamic/all_resources/clusters/" + cluster;
        phases.add(report.add(query(err, "labelSelector over the cluster" + suffix, load,
                i -> all + "/Pod?labelSelector=app%3Dapp-" + (i % 50) + "&field=resourceName")));
        String dynamic = dynamic(base, cluster);
        phases.add(report.add(query(err, "filtered namespace list (one node)" + suffix, load, i -> {
            int node = i % 200;
            return dynamic + "ns-" + (node % NAMESPACES) + "/Pod?data.spec.nodeName=10.0." + node + ".1&field=resourceName";
        })));
        return phases;
    }

    private Phase query(PrintWriter err, String name, Load load, IntFunction<String> uri) throws InterruptedException {
        AtomicInteger hits = new AtomicInteger(-1);
        Load.Result result = load.run(queries, i -> {
            String body = send(get(uri.apply(i)));
            if (i == 0) {
                hits.set(count(body, "\"resourceName\""));
            }
        });
        return phase(err, name, result).with("hitsOfFirstRequest", hits.get());
    }

    /**
     * Puts {@value #OVERWRITTEN} documents of ~1 KB once, then overwrites them round after round
     * for {@code --overwrites} seconds (each write changes the document); with {@code files}, the
     * store's size before and after against the live data.
     */
    private Phase overwrite(Load load, PrintWriter err, String base, String cluster, Optional<Path> files,
                            BenchReport report) throws InterruptedException {
        String dynamic = dynamic(base, cluster);
        Load.Result first = load.run(OVERWRITTEN, i -> putSmall(dynamic, cluster, i, 0));
        long before = files.map(BenchCommand::size).orElse(-1L);
        files.ifPresent(dir -> report.size(new StoreSize("overwrites: " + OVERWRITTEN + " documents written once",
                before, overwrittenBytes())));
        Load.Result result = load.runFor(Duration.ofSeconds(overwrites),
                i -> putSmall(dynamic, cluster, i % OVERWRITTEN, 1 + i / OVERWRITTEN));
        Phase phase = phase(err, "overwrite " + OVERWRITTEN + " docs of ~1 KB, " + overwrites + " s", result);
        phase = new Phase(phase.name(), phase.requests(), phase.perSecond(), phase.p50Ms(), phase.p99Ms(), phase.maxMs(),
                phase.errors() + first.errors(), phase.extra()).with("liveBytes", overwrittenBytes());
        if (files.isPresent()) {
            long after = size(files.get());
            report.size(new StoreSize("overwrites: after " + overwrites + " s", after, overwrittenBytes()));
            phase = phase.with("storeFileBytesBefore", before).with("storeFileBytesAfter", after);
        }
        return phase;
    }

    /**
     * The mixed load of {@code --soak}: throughput per 10 s window (requests finished in it), then
     * the last full window against the first. Flat is the goal while the event journal grows.
     */
    private void soak(BenchReport report, Load load, PrintWriter err, String service, String cluster)
            throws InterruptedException {
        int windows = Math.max(1, soak / SOAK_WINDOW_SECONDS);
        AtomicLongArray finished = new AtomicLongArray(windows + 1);
        long start = System.nanoTime();
        String dynamic = dynamic(service, cluster);
        String query = service + "/bcsstorage/v1/query/k8s/dynamic/clusters/" + cluster + "/pod?status=Pending&field=resourceName";
        String events = service + "/bcsstorage/v1/events";
        Load.Result result = load.runFor(Duration.ofSeconds((long) windows * SOAK_WINDOW_SECONDS), i -> {
            int pod = i % resources;
            switch (i % 10) {
                case 0, 1, 2 -> putPod(service, cluster, pod);
                case 3, 4, 5 -> send(get(dynamic + "ns-" + (pod % NAMESPACES) + "/Pod/pod-" + pod));
                case 6 -> send(get(dynamic + "ns-" + (pod % NAMESPACES) + "/Pod?limit=100"));
                case 7 -> send(get(query));
                default -> send(put(events, event(cluster, i)));
            }
            int window = (int) ((System.nanoTime() - start) / 1_000_000_000L / SOAK_WINDOW_SECONDS);
            finished.incrementAndGet(Math.min(window, windows));
        });
        report.add(phase(err, "soak: mixed, " + windows * SOAK_WINDOW_SECONDS + " s", result));
        StringBuilder series = new StringBuilder("soak requests/s per " + SOAK_WINDOW_SECONDS + " s:");
        for (int w = 0; w < windows; w++) {
            series.append(' ').append(finished.get(w) / SOAK_WINDOW_SECONDS);
        }
        err.println(series);
        report.compare(new Comparison("soak requests/s, first vs last " + SOAK_WINDOW_SECONDS + " s", "/s", "first",
                (double) finished.get(0) / SOAK_WINDOW_SECONDS, "last",
                (double) finished.get(windows - 1) / SOAK_WINDOW_SECONDS, result.errors()));
    }

    /** An event of the bench's cluster, about 0.5 KB, as agents report them. */
    private static String event(String cluster, int i) {
        return "{\"env\":\"k8s\",\"kind\":\"pod\",\"level\":\"" + (i % 3 == 0 ? "warning" : "normal")
                + "\",\"component\":\"kubelet\",\"type\":\"killing\",\"describe\":\"Stopping container web of pod-"
                + i + " for the bench\",\"clusterId\":\"" + cluster + "\",\"eventTime\":" + (1_500_000_000L + i)
                + ",\"extraInfo\":{\"name\":\"pod-" + i % 1000 + "\",\"namespace\":\"ns-" + i % NAMESPACES
                + "\",\"kind\":\"application\"},\"data\":{\"reason\":\"Killing\",\"count\":" + i + "}}";
    }

    private RetentionConfig retention() {
        return RetentionConfig.defaults().withWatchHistory(Duration.ofSeconds(watchHistory));
    }

    private Phase phase(PrintWriter err, String name, Load.Result result) {
        result.firstError().ifPresent(error -> err.println("first error of '" + name + "': " + error));
        return Phase.of(name, result);
    }

    private void putPod(String base, String cluster, int i) throws IOException, InterruptedException {
        String body = pod(i);
        send(put(dynamic(base, cluster) + "ns-" + (i % NAMESPACES) + "/Pod/pod-" + i, body));
        live.put(cluster + "/ns-" + (i % NAMESPACES) + "/pod-" + i, bytes(body));
    }

    private void putSmall(String dynamic, String cluster, int i, int round) throws IOException, InterruptedException {
        String body = smallPod(i, round);
        send(put(dynamic + "ns-" + (i % NAMESPACES) + "/Pod/doc-" + i, body));
        live.put("overwrite:" + cluster + "/doc-" + i, bytes(body));
    }

    /** Sends, and answers the body of a 200; anything else is a failure of the request. */
    private String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Polls {@code GET /readyz} every 5 ms until it answers 200 (at most 10 minutes). */
    private void awaitReady(String base) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        HttpRequest readyz = HttpRequest.newBuilder(URI.create(base + "/readyz")).timeout(Duration.ofSeconds(30)).GET().build();
        while (client.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the restarted service was not ready within 10 minutes");
            }
            Thread.sleep(5);
        }
    }

    private long liveBytes() {
        return live.values().stream().mapToLong(Integer::longValue).sum();
    }

    private long overwrittenBytes() {
        return live.entrySet().stream().filter(e -> e.getKey().startsWith("overwrite:")).mapToLong(e -> e.getValue()).sum();
    }

    private static String dynamic(String base, String cluster) {
        return base + "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/";
    }

    private static int bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    /** Bytes of the regular files under {@code directory}, now. */
    static long size(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the testkit does before tests: starts the whole service on the memory stores (once cold,
     * as a test class's first start in a new JVM, then 10 times warm) and empties them (50 times, each after putting
     * {@code --resources} pods, at most 1,000, over HTTP; only the reset is timed).
     */
    private int testkit(PrintWriter out) throws Exception {
        out.printf(Locale.ROOT, "%-34s %8s %9s %9s %9s%n", "testkit", "times", "p50 ms", "max ms", "min ms");
        long cold = System.nanoTime();
        RunningApp.start(ServerConfig.memory()).close();
        summary(out, "first start in this JVM (cold)", new long[]{System.nanoTime() - cold});
        long[] starts = new long[10];
        for (int i = 0; i < starts.length; i++) {
            long t0 = System.nanoTime();
            RunningApp app = RunningApp.start(ServerConfig.memory());
            starts[i] = System.nanoTime() - t0;
            app.close();
        }
        summary(out, "start on the memory stores", starts);
        int stored = Math.min(resources, 1_000);
        long[] resets = new long[50];
        try (RunningApp app = RunningApp.start(ServerConfig.memory())) {
            String dynamic = "http://127.0.0.1:" + app.port() + "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/"
                    + "BENCH/namespaces/";
            for (int r = 0; r < resets.length; r++) {
                for (int i = 0; i < stored; i++) {
                    client.send(put(dynamic + "ns-" + (i % NAMESPACES) + "/Pod/pod-" + i, pod(i)),
                            HttpResponse.BodyHandlers.discarding());
                }
                long t0 = System.nanoTime();
                app.reset();
                resets[r] = System.nanoTime() - t0;
            }
        }
        summary(out, "reset, " + stored + " pods stored", resets);
        out.flush();
        return 0;
    }

    private static void summary(PrintWriter out, String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "%-34s %8d %9.2f %9.2f %9.2f%n", what, sorted.length, millis(sorted, 0.50),
                sorted[sorted.length - 1] / 1e6, sorted[0] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))] / 1e6;
    }

    private static HttpRequest put(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    /** A pod shaped like the API document's example, about 3.5 KB, varied by {@code i}. */
    static String pod(int i) {
        String created = Instant.ofEpochSecond(1_500_000_000L + i * 60L).toString();
        StringBuilder containers = new StringBuilder();
        for (int c = 0; c < 6; c++) {
            if (c > 0) {
                containers.append(',');
            }
            containers.append("{\"name\":\"container-").append(c).append("\",\"image\":\"registry.example.com/team/app-")
                    .append(i % 50).append(":v1.").append(i % 7).append("\",\"ports\":[{\"containerPort\":").append(8080 + c)
                    .append(",\"protocol\":\"TCP\"}],\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"512Mi\"}},")
                    .append("\"env\":[{\"name\":\"MODE\",\"value\":\"production\"},{\"name\":\"INDEX\",\"value\":\"").append(i)
                    .append("\"}],\"imagePullPolicy\":\"IfNotPresent\",\"terminationMessagePath\":\"/dev/termination-log\"}");
        }
        return "{\"data\":{\"metadata\":{\"name\":\"pod-" + i + "\",\"namespace\":\"ns-" + (i % NAMESPACES)
                + "\",\"uid\":\"" + UUID.nameUUIDFromBytes(("pod" + i).getBytes(StandardCharsets.UTF_8))
                + "\",\"resourceVersion\":\"" + (100_000 + i) + "\",\"creationTimestamp\":\"" + created
                + "\",\"labels\":{\"app\":\"app-" + (i % 50) + "\",\"app.kubernetes.io/name\":\"app-" + (i % 50)
                + "\",\"pod-template-hash\":\"" + Integer.toHexString(i * 7919) + "\"},\"annotations\":{"
                + "\"kubernetes.io/created-by\":\"{\\\"kind\\\":\\\"SerializedReference\\\",\\\"reference\\\":{\\\"kind\\\":"
                + "\\\"ReplicaSet\\\",\\\"name\\\":\\\"app-" + (i % 50) + "-5d4f\\\"}}\"},\"ownerReferences\":[{\"apiVersion\":"
                + "\"extensions/v1beta1\",\"kind\":\"ReplicaSet\",\"name\":\"app-" + (i % 50) + "-5d4f\",\"controller\":true}]},"
                + "\"spec\":{\"containers\":[" + containers + "],\"dnsPolicy\":\"ClusterFirst\",\"nodeName\":\"10.0."
                + (i % 200) + ".1\",\"restartPolicy\":\"Always\",\"schedulerName\":\"default-scheduler\","
                + "\"terminationGracePeriodSeconds\":30},\"status\":{\"phase\":\"" + (i % 10 == 0 ? "Pending" : "Running")
                + "\",\"hostIP\":\"10.0." + (i % 200) + ".1\",\"podIP\":\"172.16." + (i % 250) + "." + (i % 200)
                + "\",\"startTime\":\"" + created + "\",\"conditions\":[{\"type\":\"Initialized\",\"status\":\"True\","
                + "\"lastTransitionTime\":\"" + created + "\"},{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\""
                + created + "\"},{\"type\":\"PodScheduled\",\"status\":\"True\",\"lastTransitionTime\":\"" + created
                + "\"}],\"containerStatuses\":[{\"name\":\"container-0\",\"ready\":true,\"restartCount\":0,\"containerID\":"
                + "\"docker://" + Integer.toHexString(i * 31) + "\",\"state\":{\"running\":{\"startedAt\":\"" + created
                + "\"}}}],\"qosClass\":\"Burstable\"}}}";
    }

    /**
     * A document of about 1 KB for the overwrite phase, different in every {@code round} (an unchanged
     * document would be no write at all).
     */
    static String smallPod(int i, int round) {
        String head = "{\"data\":{\"metadata\":{\"name\":\"doc-" + i + "\",\"namespace\":\"ns-" + (i % NAMESPACES)
                + "\",\"labels\":{\"app\":\"app-" + (i % 50) + "\"},\"annotations\":{\"note\":\"";
        String tail = "\"}},\"spec\":{\"nodeName\":\"10.0." + (i % 200) + ".1\"},\"status\":{\"phase\":\"Running\","
                + "\"observedGeneration\":" + round + "}}}";
        return head + "x".repeat(Math.max(0, 1024 - head.length() - tail.length())) + tail;
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
