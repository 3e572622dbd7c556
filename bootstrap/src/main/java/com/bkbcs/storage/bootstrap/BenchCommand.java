package com.bkbcs.storage.bootstrap;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * {@code bench}: measures the service over HTTP the way agents and consoles use it: concurrent
 * puts of pod-shaped documents (~3.5 KB), gets by identity, namespace lists, label-selector lists
 * and typed queries with time ranges. Without {@code --url} it starts the service on embedded
 * defaults in a temporary directory, so one command measures the whole stack on this machine.
 * Only loopback or the given URL is ever contacted; every loop is bounded by its count.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Measure throughput and latency of the HTTP API with concurrent clients.")
final class BenchCommand implements Callable<Integer> {
    private static final int NAMESPACES = 10;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", description = "Base URL of a running service (e.g. http://127.0.0.1:8080); "
            + "when absent, the service is started on embedded defaults in a temporary directory. The bench writes "
            + "--resources pods into a cluster of its own (BENCH-<uuid>) there and deletes them at the end.")
    String url;

    @Option(names = "--resources", defaultValue = "5000", description = "Pods to put, then to get.")
    int resources;

    @Option(names = "--queries", defaultValue = "500", description = "Requests of each list and query phase.")
    int queries;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients.")
    int clients;

    @Option(names = "--store", defaultValue = "embedded", paramLabel = "memory|embedded",
            converter = ServeCommand.StoreKindConverter.class,
            description = "Stores of the service the bench starts (ignored with --url).")
    ServerConfig.StoreKind store;

    @Option(names = "--watchers", defaultValue = "4", description = "Change streams open during the watch phase "
            + "(a PUT storm of --resources new pods); 0 skips the phase.")
    int watchers;

    @Option(names = "--testkit", description = "Instead of the HTTP phases, measure what the testkit does before tests: "
            + "starting the whole service on the memory stores, and emptying them (with --resources pods stored).")
    boolean testkit;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (testkit) {
            return testkit(out);
        }
        Path temp = null;
        RunningApp app = null;
        String base = null;
        String cluster = "BENCH-" + UUID.randomUUID();
        try {
            if (url == null) {
                if (store == ServerConfig.StoreKind.MEMORY) {
                    app = RunningApp.start(ServerConfig.memory());
                } else {
                    temp = Files.createTempDirectory("bcs-bench");
                    app = RunningApp.start(ServerConfig.embedded(temp));
                }
            }
            base = app == null ? url : "http://127.0.0.1:" + app.port();
            spec.commandLine().getErr().println("bench cluster " + cluster + " (its pods are deleted at the end)");
            String dynamic = base + "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/";
            String query = base + "/bcsstorage/v1/query/k8s/dynamic/clusters/" + cluster + "/pod";
            out.printf(Locale.ROOT, "%-34s %8s %10s %9s %9s %9s %7s%n", "phase", "requests", "req/s", "p50 ms",
                    "p99 ms", "max ms", "errors");
            report(out, "put pod (~3.5 KB)", resources, i -> put(dynamic + "ns-" + (i % NAMESPACES) + "/Pod/pod-" + i, pod(i)));
            report(out, "get pod by identity", resources, i -> get(dynamic + "ns-" + (i % NAMESPACES) + "/Pod/pod-" + i));
            report(out, "list namespace, limit 100", queries, i -> get(dynamic + "ns-" + (i % NAMESPACES)
                    + "/Pod?limit=100&offset=" + (i % 4) * 100));
            report(out, "list namespace, field projection", queries, i -> get(dynamic + "ns-" + (i % NAMESPACES)
                    + "/Pod?field=resourceName,data.status.phase"));
            String all = base + "/bcsstorage/v1/k8s/dynamic/all_resources/clusters/" + cluster;
            report(out, "labelSelector over the cluster", queries, i -> get(all + "/Pod?labelSelector=app%3Dapp-"
                    + (i % 50) + "&field=resourceName"));
            report(out, "typed query: status + createTime", queries, i -> get(query + "?status=Running&createTimeBegin="
                    + (1_500_000_000L + i % 1000 * 60L) + "&createTimeEnd=" + (1_500_000_000L + i % 1000 * 60L + 600)
                    + "&field=resourceName"));
            if (watchers > 0) {
                new WatchBench(client, base, cluster, watchers, clients, resources).run(out, spec.commandLine().getErr());
            }
            out.flush();
            return 0;
        } finally {
            if (base != null) {
                // the pods the bench wrote go away with it, also from a service given by --url
                client.send(HttpRequest.newBuilder(URI.create(base + "/bcsstorage/v1/k8s/dynamic/all_resources/clusters/"
                        + cluster + "/Pod")).timeout(Duration.ofSeconds(60)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
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

    private void report(PrintWriter out, String phase, int count, IntFunction<HttpRequest> request) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            Future<?>[] workers = new Future<?>[clients];
            for (int c = 0; c < clients; c++) {
                workers[c] = pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> response = client.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, response.statusCode() + " " + response.body());
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        latencies[i] = System.nanoTime() - t0;
                    }
                });
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        out.printf(Locale.ROOT, "%-34s %8d %10.0f %9.2f %9.2f %9.2f %7d%n", phase, count, count / seconds,
                millis(latencies, 0.50), millis(latencies, 0.99), latencies[count - 1] / 1e6, errors.get());
        if (firstError.get() != null) {
            spec.commandLine().getErr().println("first error of '" + phase + "': " + firstError.get());
        }
        out.flush();
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
                + "\",\"uid\":\"" + UUID.nameUUIDFromBytes(("pod" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))
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
